/**
 * How an organisation's people sign in, from its `identity` setting as the server shows it (docs/tenancy.md):
 * "passwords only", "Beta ID only" or "passwords or Beta ID". A provider is named as its "Sign in with …" button
 * names it: its providerName, else its issuer's host. Null when there is no identity setting.
 */
export function signInWords(identity) {
  if (!identity) {
    return null;
  }
  const provider = providerName(identity);
  const passwords = identity.mode !== 'external';
  // Single sign-on is offered in every mode, a local one too.
  const viaProvider = identity.mode !== 'local' || Boolean(identity.oidcClientId);
  if (passwords && viaProvider) {
    return `passwords or ${provider}`;
  }
  return passwords ? 'passwords only' : `${provider} only`;
}

function providerName(identity) {
  if (identity.providerName) {
    return identity.providerName;
  }
  try {
    return new URL(identity.issuer).host;
  } catch {
    return 'its identity provider';
  }
}
