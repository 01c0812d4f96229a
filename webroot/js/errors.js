/** What the server's error slugs (and the client's own) mean, in words a person can act on. */
const WORDS = {
  invalid_json: 'The request was not understood.',
  invalid_request: 'The request was not understood.',
  invalid_username: 'Usernames are 3–32 characters: a–z, 0–9, underscore, dot or hyphen.',
  invalid_password: 'Passwords need at least 8 characters.',
  invalid_display_name: 'Display names are 1–64 characters.',
  invalid_room_name: 'Room names are 1–64 letters, digits, underscores, dots or hyphens.',
  invalid_description: 'Descriptions can be at most 500 characters.',
  invalid_content: 'A message needs some text.',
  content_too_long: 'This message is too long (at most 4,000 characters).',
  invalid_client_msg_id: 'The message could not be sent.',
  invalid_cursor: 'The history could not be loaded.',
  invalid_limit: 'The history could not be loaded.',
  invalid_id: 'That does not exist.',
  invalid_search: 'Search for words, "a phrase" or filters (in:#room, from:@user, has:file, has:link, is:pinned, before:YYYY-MM-DD, after:YYYY-MM-DD); at most 500 characters and 20 parts.',
  unsupported_media_type: 'The request was not understood.',
  unauthenticated: 'Your session has ended; please sign in again.',
  local_accounts_disabled: 'This server signs people in through your organisation; it has no accounts or passwords of its own.',
  external_account: 'Your account signs in through your organisation; it has no password here.',
  invalid_credentials: 'Wrong username or password.',
  wrong_password: 'Your current password is not right.',
  account_deactivated: 'This account has been deactivated; ask an administrator.',
  tenant_not_found: 'No organisation is at this address, or that organisation no longer exists.',
  tenant_suspended: 'This organisation is suspended; ask the people who run this server.',
  // Single sign-on, told on the sign-in page after the identity provider sent the browser back:
  sso_denied: 'Your organisation\'s sign-in did not sign you in. Try again.',
  sso_state: 'This sign-in was not started in this browser, or was finished already. Try again.',
  sso_expired: 'The sign-in took too long. Try again.',
  sso_exchange: 'Your organisation\'s sign-in did not confirm who you are. Try again.',
  sso_id_token: 'Your organisation\'s sign-in sent an answer this server cannot trust. Ask an administrator.',
  sso_nonce: 'Your organisation\'s sign-in answered for another attempt. Try again.',
  sso_unavailable: 'Your organisation\'s sign-in cannot be reached. Try again shortly.',
  token_subject: 'Your organisation\'s sign-in did not say who you are. Ask an administrator.',
  invalid_reset: 'That password reset link is unknown, used or expired; ask for a new one.',
  deactivate_self: 'You cannot deactivate your own account.',
  own_role: 'Nobody can change their own role; ask someone else.',
  session_not_found: 'That session has already ended.',
  forbidden: 'Your role does not allow this.',
  forbidden_origin: 'This page is not allowed to talk to the server.',
  not_a_member: 'You are not a member of this room.',
  default_room: 'Everyone stays in the default room; it cannot be left.',
  invite_required: 'Registration needs an invite code.',
  invalid_setting: 'One of the settings is not valid: days from 1 to 36500, and origins such as https://shop.example.com.',
  platform_setting: 'The upload limit, storage quota and sign-in are set by the people who run this server.',
  invalid_identity_setting: 'That sign-in cannot work: external or both need an issuer URL, an audience and exactly one of a JWKS URL, '
    + 'public keys or an HS256 secret (32 bytes or more); single sign-on needs the issuer, a client id and its secret, '
    + 'and a button name only with them.',
  not_found: 'That does not exist.',
  room_not_found: 'That room no longer exists.',
  username_taken: 'That username is already taken.',
  room_name_taken: 'A room with that name already exists.',
  name_confusable: 'That name looks too much like someone else’s name or username, or another room’s name; choose another.',
  payload_too_large: 'That is too large to send.',
  rate_limited: 'You are doing this too often; wait a while and try again.',
  invalid_poll: 'A poll needs a question and 2–10 different options; a closing time must be in the future.',
  invalid_vote: 'That choice does not fit this poll.',
  not_a_poll: 'That message is not a poll.',
  poll_closed: 'This poll is closed.',
  // Files:
  file_too_large: 'This file is larger than the server accepts.',
  storage_quota_exceeded: 'The storage space, yours or your organisation\'s, is used up; this file does not fit.',
  invalid_upload: 'The file could not be uploaded.',
  image_too_large: 'This image has too many pixels (at most 50 million).',
  invalid_attachments: 'A message carries 1 to 10 different files.',
  attachment_unavailable: 'A file is not available any more; take it off and attach it again.',
  file_not_found: 'That file does not exist or is not yours to see.',
  upload_failed: 'The upload broke off: the server refused it or cannot be reached.',
  cancelled: 'The upload was cancelled.',
  unavailable: 'The server is busy; try again shortly.',
  internal_error: 'Something went wrong on the server.',
  access_denied: 'The server refused this request.',
  // Roles, people, invites and moderation:
  rank_too_high: 'You can only act on roles ranked below yours, and on people not ranked above you.',
  system_role: 'System roles keep their name and rank, and cannot be deleted.',
  role_name_taken: 'A role with that name already exists.',
  invalid_role_name: 'Role names are 1–32 letters, digits, spaces, underscores, dots or hyphens.',
  invalid_rank: 'A rank is a whole number from 0 to 999.',
  invalid_permission: 'That is not a known permission.',
  role_not_found: 'That role no longer exists.',
  user_not_found: 'That person no longer exists.',
  last_superadmin: 'The last superadmin cannot be demoted or deactivated.',
  invalid_topic: 'A topic can be at most 250 characters.',
  invalid_invite: 'That invite code is unknown, used up or expired.',
  invalid_invite_options: 'Uses must be 1 or more, and the expiry a time in the future.',
  invite_not_found: 'That invite no longer exists.',
  // Direct messages and groups:
  dm_with_self: 'A direct message needs someone other than you.',
  group_too_small: 'A group needs at least 3 people, you included; for two, start a direct message.',
  group_too_large: 'A group can have at most 50 people, you included.',
  group_full: 'This group already has 50 people.',
  invalid_group_name: 'Group names can be at most 64 characters.',
  dm_membership_fixed: 'A direct message stays between its two people.',
  not_a_channel: 'Only channels can be deleted, given a topic, or have people removed.',
  // Push notifications:
  invalid_push_subscription: 'This browser offered a push subscription the server cannot use.',
  push_endpoint_refused: 'This browser’s push service is not one the server sends to.',
  invalid_push_settings: 'Those notification settings were not understood.',
  subscription_not_found: 'That device was already removed.',
  push_unsupported: 'This browser cannot receive push notifications.',
  push_blocked: 'Notifications are blocked for this site; allow them in the browser’s site settings.',
  push_dismissed: 'Notifications stay off for now; turn them on any time under Notifications.',
  push_service_unreachable: 'This browser could not reach its push service; try again later.',
  // Presence:
  invalid_presence: 'A status is Online, Do not disturb or On vacation, with at most 100 characters of text (no line breaks) and one emoji.',
  // Announcements:
  invalid_announcement: 'An announcement needs a title (one line, up to 200 characters) and some text (up to 10,000).',
  invalid_audience: 'One of the chosen roles, channels or people no longer exists, or is not a channel.',
  empty_audience: 'Nobody but you is in that audience; choose others.',
  announcement_not_found: 'That announcement was withdrawn.',
  ack_not_required: 'This announcement asks for no acknowledgement.',
  invalid_emoji: 'That is not an emoji.',
  too_many_reactions: 'This already has 50 different reactions.',
  // The platform console, for the people who run the server:
  default_tenant: 'The default organisation, where a single-organisation install lives, cannot be deleted.',
  // The client's own:
  disconnected: 'The connection dropped before the server answered.',
  offline: 'You are offline; it will not be sent until you retry.',
  timeout: 'The server did not answer in time.',
  network: 'The server cannot be reached.',
};

/** A failure as the app passes it around: the slug, and the status when one is known. */
export class ApiError extends Error {
  constructor(slug, status = 0, serverSentence = '') {
    super(WORDS[slug] || serverSentence || 'Something went wrong.');
    this.slug = slug;
    this.status = status;
  }
}

export function wordsFor(error) {
  if (error instanceof ApiError) {
    return error.message;
  }
  return WORDS[error?.slug] || 'Something went wrong.';
}
