// Steady chat driven from one Node.js process, the way a bot in any language drives a chat server: a raw WebSocket
// per person, speaking the server's own protocol (Parley's bridge frames, or Socket.IO 4 for the reference server).
// LoadGen (src/bench/java/parley/loadgen/NodeChat.java) makes the people and rooms through the server's API, starts
// this process with them, and probes the server's CPU over the measured window; this process only connects, sends on
// schedule and times what comes back. The JVM generator did the same on the same two cores for half a core or more.
//
//   node generator.js <population.json>
//   population.json: {target: "parley" | "reference", url, people: [{token, roomId}], rooms: [roomId, …]}
//   stdin, one JSON line a run:  {rate, warmupSeconds, seconds, drainSeconds}
//   stdout, one JSON line each:  {connected, seconds} once; then per run {startsAt} (epoch ms of message 0) and
//                                {result: {…the fields SteadyChat reports, minus the server's CPU…}}
// Message k of a run is due at startsAt + k / rate, goes to room k mod rooms, from that room's member
// (k div rooms) mod members, and says "r<run>k<k>"; every member of the room receives it, its sender too.
'use strict';

const fs = require('node:fs');
const readline = require('node:readline');
const { performance } = require('node:perf_hooks');
const WebSocket = require('ws');

const population = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const CONNECT_PARALLEL = 256;
const HEARTBEAT_MS = 30_000;

function say(text) {
  process.stderr.write(`[node generator] ${text}\n`);
}

function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** A decimal number in text from index `from` on. */
function numberAt(text, from) {
  let value = 0;
  for (let i = from; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}

/** Parley's bridge (docs/protocol.md): JSON frames; room events come as binary frames, replies name our address. */
class BridgeConnection {
  constructor(socket) {
    this.socket = socket;
    this.pending = new Map();
    this.replies = 0;
    this.onMessage = () => {};
    socket.on('message', (data) => this.frame(data.toString()));
    socket.on('close', () => this.pending.forEach((waiting) => waiting.reject(new Error('the socket closed'))));
  }

  static open(url, token) {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/eventbus/websocket`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new BridgeConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Registers the room; the bridge answers a later request only once the registration holds. */
  join(roomId) {
    this.socket.send(JSON.stringify({ type: 'register', address: `room.${roomId}` }));
    return this.request('chat.sync', { cursors: {} });
  }

  send(roomId, content) {
    return this.request('chat.send', { roomId, content });
  }

  heartbeat() {
    this.socket.send('{"type":"ping"}');
  }

  request(address, body) {
    const replyAddress = `r${++this.replies}`;
    return new Promise((resolve, reject) => {
      this.pending.set(replyAddress, { resolve, reject });
      this.socket.send(JSON.stringify({ type: 'send', address, body, replyAddress }));
    });
  }

  frame(text) {
    const room = text.indexOf('"address":"room.');
    if (room >= 0 && room < 64) {
      if (text.includes('"type":"message.new"')) {
        const message = text.indexOf('"message":{');
        const content = text.indexOf('"content":"', message) + 11;
        this.onMessage(numberAt(text, text.indexOf('"seq":', message) + 6), text.substring(content, text.indexOf('"', content)));
      }
      return;
    }
    const frame = JSON.parse(text);
    const waiting = frame.address === undefined ? undefined : this.pending.get(frame.address);
    if (waiting) {
      this.pending.delete(frame.address);
      if (frame.type === 'rec') waiting.resolve(frame.body);
      else waiting.reject(new Error(`${frame.failureCode} ${frame.message}`));
    }
  }
}

/**
 * The reference server: Socket.IO 5 over Engine.IO 4 on a raw WebSocket. The first character is Engine.IO's packet
 * type (0 open, 2 ping, 3 pong, 4 message), the second Socket.IO's (0 connect, 2 event, 3 ack, 4 connect error).
 */
class SocketIoConnection {
  constructor(socket) {
    this.socket = socket;
    this.pending = new Map();
    this.acks = 0;
    this.onMessage = () => {};
    socket.on('message', (data) => this.packet(data.toString()));
    socket.on('close', () => this.pending.forEach((waiting) => waiting.reject(new Error('the socket closed'))));
  }

  static open(url, token) {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => socket.send(`40${JSON.stringify({ token })}`));
      socket.on('message', function connected(data) {
        const text = data.toString();
        if (text.startsWith('40')) {
          socket.off('message', connected);
          resolve(new SocketIoConnection(socket));
        } else if (text.startsWith('44')) {
          reject(new Error(`refused: ${text.substring(2)}`));
        }
      });
    });
  }

  /** The server acks a join once the socket is in the room. */
  join(roomId) {
    return this.emitWithAck('join', { roomId });
  }

  send(roomId, content) {
    return this.emitWithAck('send', { roomId, content });
  }

  /** Nothing to do: the server pings and packet() answers. */
  heartbeat() {}

  emitWithAck(event, body) {
    const id = ++this.acks;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(`42${id}${JSON.stringify([event, body])}`);
    }).then((answer) => (answer.ok ? answer : Promise.reject(new Error(`${event}: ${answer.error}`))));
  }

  packet(text) {
    if (text.startsWith('42["message",{')) {
      const seq = text.indexOf('"seq":');
      const content = text.indexOf('"content":"') + 11;
      this.onMessage(numberAt(text, seq + 6), text.substring(content, text.indexOf('"', content)));
    } else if (text.startsWith('43')) {
      const id = numberAt(text, 2);
      const waiting = this.pending.get(id);
      if (waiting) {
        this.pending.delete(id);
        waiting.resolve(JSON.parse(text.substring(text.indexOf('[')))[0]);
      }
    } else if (text === '2') {
      this.socket.send('3');
    }
  }
}

/** Growing list of latencies in microseconds, for percentiles at the end of a run. */
class Samples {
  constructor() {
    this.values = new Float64Array(1 << 16);
    this.count = 0;
  }

  add(value) {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = value;
  }

  /** In ms rounded to 0.01, as the JVM generator's HdrHistogram reports them. */
  percentiles() {
    const sorted = this.values.subarray(0, this.count).sort();
    const at = (p) => (this.count === 0 ? 0 : sorted[Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1)]);
    const ms = (micros) => Math.round(micros / 10) / 100;
    return { count: this.count, p50: ms(at(50)), p90: ms(at(90)), p99: ms(at(99)), p999: ms(at(99.9)), max: ms(at(100)) };
  }
}

/** One connection's view of its room over every run: seqs seen, for doubles, order and gaps. */
class RoomView {
  constructor() {
    this.seen = new Uint8Array(1024);
    this.highest = 0;
    this.count = 0;
  }

  arrived(seq, order) {
    if (seq >= this.seen.length) {
      const bigger = new Uint8Array(Math.max(seq + 1, this.seen.length * 2));
      bigger.set(this.seen);
      this.seen = bigger;
    }
    if (this.seen[seq]) {
      order.duplicates++;
      return;
    }
    this.seen[seq] = 1;
    this.count++;
    if (seq < this.highest) order.reordered++;
    this.highest = Math.max(this.highest, seq);
  }

  missing() {
    return this.highest - this.count;
  }
}

async function connectAll(open) {
  const connections = new Array(population.people.length);
  let next = 0;
  async function worker() {
    while (next < population.people.length) {
      const i = next++;
      const person = population.people[i];
      const connection = await open(population.url, person.token);
      await connection.join(person.roomId);
      connections[i] = connection;
    }
  }
  await Promise.all(Array.from({ length: CONNECT_PARALLEL }, worker));
  return connections;
}

/** One run of the schedule: what it sent, what was acknowledged and delivered, timed from when each was due. */
class Run {
  constructor(number, { rate, warmupSeconds, seconds, drainSeconds = 15 }, perRoom) {
    this.rate = rate;
    this.seconds = seconds;
    this.drainSeconds = drainSeconds;
    this.perRoom = perRoom;
    this.prefix = `r${number}k`;
    this.total = rate * (warmupSeconds + seconds);
    this.startsAt = performance.now() + 200;
    this.windowStart = this.startsAt + warmupSeconds * 1000;
    this.windowEnd = this.windowStart + seconds * 1000;
    this.delivery = new Samples();
    this.ack = new Samples();
    this.worstBySecond = new Float64Array(seconds);
    Object.assign(this, { sent: 0, acked: 0, ackedInWindow: 0, refused: 0, delivered: 0, deliveredInWindow: 0 });
  }

  due(k) {
    return this.startsAt + (k * 1000) / this.rate;
  }

  inWindow(due) {
    return due >= this.windowStart && due < this.windowEnd;
  }

  arrived(content, now) {
    if (!content.startsWith(this.prefix)) return; // an earlier run's, late
    this.delivered++;
    const due = this.due(Number(content.substring(this.prefix.length)));
    if (this.inWindow(due)) {
      this.deliveredInWindow++;
      const micros = Math.max(0, (now - due) * 1000);
      this.delivery.add(micros);
      const second = Math.floor((due - this.windowStart) / 1000);
      this.worstBySecond[second] = Math.max(this.worstBySecond[second], micros);
    }
  }

  acknowledged(due, now) {
    this.acked++;
    if (this.inWindow(due)) {
      this.ackedInWindow++;
      this.ack.add(Math.max(0, (now - due) * 1000));
    }
  }

  /** Sends on schedule, then waits for what is on its way (at most drainSeconds); resolves with the report. */
  drive(rooms, byRoom) {
    emit({ startsAt: performance.timeOrigin + this.startsAt });
    let next = 0;
    return new Promise((resolve) => {
      const ticker = setInterval(() => {
        const elapsed = performance.now() - this.startsAt;
        const due = elapsed < 0 ? 0 : Math.min(this.total, Math.floor((elapsed * this.rate) / 1000) + 1);
        for (; next < due; next++) {
          const roomId = rooms[next % rooms.length];
          const members = byRoom.get(roomId);
          const sender = members[Math.floor(next / rooms.length) % members.length];
          const dueAt = this.due(next);
          this.sent++;
          sender.send(roomId, this.prefix + next).then(
            () => this.acknowledged(dueAt, performance.now()),
            () => this.refused++);
        }
        if (next === this.total) {
          clearInterval(ticker);
          const giveUpAt = performance.now() + this.drainSeconds * 1000;
          const waiter = setInterval(() => {
            const done = this.acked + this.refused >= this.total && this.delivered >= this.acked * this.perRoom;
            if (done || performance.now() >= giveUpAt) {
              clearInterval(waiter);
              resolve(this.report());
            }
          }, 100);
        }
      }, 1);
    });
  }

  report() {
    const ms = (micros) => Math.round(micros / 10) / 100;
    return {
      offeredPerSecond: this.rate,
      seconds: this.seconds,
      persistedPerSecond: Math.round(this.ackedInWindow / this.seconds),
      deliveredPerSecond: Math.round(this.deliveredInWindow / this.seconds),
      delivery: this.delivery.percentiles(),
      worstDeliveryBySecond: Array.from(this.worstBySecond, ms),
      ack: this.ack.percentiles(),
      sent: this.sent,
      acked: this.acked,
      refused: this.refused,
      lost: Math.max(0, this.acked * this.perRoom - this.delivered),
      persistedInWindow: this.ackedInWindow,
      deliveredInWindow: this.deliveredInWindow,
    };
  }
}

async function main() {
  const open = population.target === 'reference' ? SocketIoConnection.open : BridgeConnection.open;
  const started = performance.now();
  const connections = await connectAll(open);
  emit({ connected: connections.length, seconds: Math.round(performance.now() - started) / 1000 });

  const byRoom = new Map(population.rooms.map((roomId) => [roomId, []]));
  population.people.forEach((person, i) => byRoom.get(person.roomId).push(connections[i]));
  const perRoom = connections.length / population.rooms.length;
  const order = { duplicates: 0, reordered: 0 };
  const views = connections.map(() => new RoomView());
  let current = null;
  connections.forEach((connection, i) => {
    connection.onMessage = (seq, content) => {
      const now = performance.now();
      views[i].arrived(seq, order);
      if (current !== null) current.arrived(content, now);
    };
  });
  const heartbeat = setInterval(() => connections.forEach((connection) => connection.heartbeat()), HEARTBEAT_MS);

  let runs = 0;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    current = new Run(++runs, JSON.parse(line), perRoom);
    const result = await current.drive(population.rooms, byRoom);
    result.gaps = views.reduce((sum, view) => sum + view.missing(), 0);
    result.duplicates = order.duplicates;
    result.reordered = order.reordered;
    emit({ result });
  }
  clearInterval(heartbeat);
  connections.forEach((connection) => connection.socket.terminate());
}

main().catch((error) => {
  say(error.stack || String(error));
  process.exit(1);
});
