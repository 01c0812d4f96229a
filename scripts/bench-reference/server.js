// The reference chat server that scripts/bench compares Parley with: one Node.js process, Socket.IO 4 and PostgreSQL
// through a pg Pool, built the usual way (store the message, then io.to(room).emit). Written for the benchmark, not
// for use: no passwords, no history, no presence. Setup is plain HTTP + JSON, chat is Socket.IO on the same port.
//
//   POST /api/users            {name}  -> 201 {id, token}
//   POST /api/rooms            {name}  -> 201 {id}        (Authorization: Bearer <token>; the creator is a member)
//   POST /api/rooms/<id>/join  {}      -> 200 {}
//   Socket.IO, auth {token}: 'join' {roomId} -> ack {ok}; 'send' {roomId, content} -> ack {ok, seq} after the
//   commit; every socket in the room (its sender too) gets 'message' {roomId, seq, content, id, authorId, createdAt}.
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { Pool } = require('pg');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 18080);
const host = process.env.HOST || '127.0.0.1';
const pool = new Pool({
  connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parley_reference',
  max: Number(process.env.DATABASE_POOL_SIZE || 10),
  // Idle connections are kept, as Parley's pool keeps them: a backend closed mid-run would take its CPU time with it
  // and leave the benchmark's database probe nothing to read.
  idleTimeoutMillis: 0,
});

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, token text NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS rooms (
    id bigserial PRIMARY KEY, name text NOT NULL, last_seq bigint NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS room_members (
    room_id bigint NOT NULL REFERENCES rooms, user_id bigint NOT NULL REFERENCES users, PRIMARY KEY (room_id, user_id));
  CREATE TABLE IF NOT EXISTS messages (
    id bigserial PRIMARY KEY, room_id bigint NOT NULL REFERENCES rooms, seq bigint NOT NULL,
    author_id bigint NOT NULL REFERENCES users, content text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (room_id, seq));`;

const INSERT_USER = 'INSERT INTO users (name, token) VALUES ($1, $2) RETURNING id';
const USER_BY_TOKEN = 'SELECT id FROM users WHERE token = $1';
const INSERT_ROOM = `
  WITH room AS (INSERT INTO rooms (name) VALUES ($1) RETURNING id)
  INSERT INTO room_members (room_id, user_id) SELECT id, $2 FROM room RETURNING room_id AS id`;
const JOIN_ROOM = 'INSERT INTO room_members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING';
const IS_MEMBER = 'SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2';
// The room's row lock orders its messages: seqs are gapless per room and taken in the same autocommitted statement.
const INSERT_MESSAGE = `
  WITH next AS (
    UPDATE rooms SET last_seq = last_seq + 1
    WHERE id = $1 AND EXISTS (SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2)
    RETURNING id, last_seq)
  INSERT INTO messages (room_id, seq, author_id, content) SELECT id, last_seq, $2, $3 FROM next
  RETURNING id, seq, created_at`;

const MAX_CONTENT = 4000;
const ROOM_ID = /^[0-9]{1,18}$/;

class HttpError extends Error {
  constructor(status, slug) {
    super(slug);
    this.status = status;
  }
}

async function register(body) {
  if (typeof body.name !== 'string' || body.name === '') throw new HttpError(400, 'name-required');
  const token = crypto.randomBytes(24).toString('hex');
  const { rows } = await pool.query(INSERT_USER, [body.name, token]);
  return [201, { id: rows[0].id, token }];
}

async function createRoom(body, userId) {
  if (typeof body.name !== 'string' || body.name === '') throw new HttpError(400, 'name-required');
  const { rows } = await pool.query(INSERT_ROOM, [body.name, userId]);
  return [201, { id: rows[0].id }];
}

async function joinRoom(roomId, userId) {
  await pool.query(JOIN_ROOM, [roomId, userId]);
  return [200, {}];
}

async function userByToken(token) {
  if (typeof token !== 'string' || token === '') return null;
  const { rows } = await pool.query(USER_BY_TOKEN, [token]);
  return rows.length === 0 ? null : rows[0].id;
}

async function caller(request) {
  const header = request.headers.authorization || '';
  const userId = await userByToken(header.startsWith('Bearer ') ? header.slice(7) : '');
  if (userId === null) throw new HttpError(401, 'unauthorized');
  return userId;
}

async function route(request, body) {
  if (request.method !== 'POST') throw new HttpError(404, 'not-found');
  const join = /^\/api\/rooms\/([0-9]{1,18})\/join$/.exec(request.url);
  if (request.url === '/api/users') return register(body);
  if (request.url === '/api/rooms') return createRoom(body, await caller(request));
  if (join) return joinRoom(join[1], await caller(request));
  throw new HttpError(404, 'not-found');
}

function readJson(request) {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', chunk => { text += chunk; });
    request.on('end', () => {
      try {
        resolve(text === '' ? {} : JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'bad-json'));
      }
    });
    request.on('error', reject);
  });
}

function answer(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function failure(e) {
  if (e instanceof HttpError) return [e.status, e.message];
  if (e.code === '23503') return [404, 'not-found']; // a join naming a room that does not exist
  if (e.code === '23505') return [409, 'taken'];
  console.error(e);
  return [500, 'internal'];
}

async function serveHttp(request, response) {
  try {
    const [status, body] = await route(request, await readJson(request));
    answer(response, status, body);
  } catch (e) {
    const [status, slug] = failure(e);
    answer(response, status, { error: slug });
  }
}

function reply(ack, body) {
  if (typeof ack === 'function') ack(body);
}

function roomChannel(roomId) {
  return 'room:' + roomId;
}

function onJoin(socket) {
  return async (body, ack) => {
    const roomId = body && body.roomId;
    if (!ROOM_ID.test(roomId)) return reply(ack, { error: 'bad-room' });
    try {
      const { rows } = await pool.query(IS_MEMBER, [roomId, socket.data.userId]);
      if (rows.length === 0) return reply(ack, { error: 'not-member' });
      socket.join(roomChannel(roomId));
      reply(ack, { ok: true });
    } catch (e) {
      console.error(e);
      reply(ack, { error: 'internal' });
    }
  };
}

function onSend(io, socket) {
  return async (body, ack) => {
    const roomId = body && body.roomId;
    const content = body && body.content;
    if (!ROOM_ID.test(roomId)) return reply(ack, { error: 'bad-room' });
    if (typeof content !== 'string' || content === '' || content.length > MAX_CONTENT) return reply(ack, { error: 'bad-content' });
    try {
      const { rows } = await pool.query(INSERT_MESSAGE, [roomId, socket.data.userId, content]);
      if (rows.length === 0) return reply(ack, { error: 'not-member' });
      const seq = Number(rows[0].seq);
      io.to(roomChannel(roomId)).emit('message', {
        roomId, seq, content, id: rows[0].id, authorId: socket.data.userId, createdAt: rows[0].created_at,
      });
      reply(ack, { ok: true, seq });
    } catch (e) {
      console.error(e);
      reply(ack, { error: 'internal' });
    }
  };
}

async function authenticate(socket, next) {
  try {
    const userId = await userByToken(socket.handshake.auth.token || socket.handshake.query.token);
    if (userId === null) return next(new Error('unauthorized'));
    socket.data.userId = userId;
    next();
  } catch (e) {
    console.error(e);
    next(new Error('internal'));
  }
}

async function main() {
  await pool.query(SCHEMA);
  const server = http.createServer(serveHttp);
  const io = new Server(server, { serveClient: false });
  io.use(authenticate);
  io.on('connection', socket => {
    socket.on('join', onJoin(socket));
    socket.on('send', onSend(io, socket));
  });
  server.listen(port, host, () => console.log(`reference server on ${host}:${port}, pid ${process.pid}`));
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
