// The HTTP client the backend calls Twitch with: node:http(s) on keep-alive connections. Node's
// fetch (undici, web streams, an AbortSignal per call) cost about five times as much CPU per call,
// and a busy backend makes one PubSub call per board per purchase: on the benchmark that was most
// of its time.
import http from 'node:http';
import https from 'node:https';

// No cap on sockets per host: PubSub sends (the outbox runs at most 64 at once) and the lookups a
// receipt waits for go to the same host, and a capped pool would queue the receipt behind the sends.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * @typedef {object} HttpResponse
 * @property {number} status
 * @property {boolean} ok 2xx
 * @property {{ get: (name: string) => string | null, has: (name: string) => boolean }} headers
 * @property {() => Promise<any>} json
 */

/**
 * @typedef {(url: string, init: { method: string, headers: Record<string, string>, body?: string, timeoutMs: number }) => Promise<HttpResponse>} HttpRequest
 */

/** @type {HttpRequest} */
export function request(url, { method, headers, body, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      target,
      {
        method,
        agent: agents[/** @type {'http:' | 'https:'} */ (target.protocol)],
        headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (incoming) => {
        /** @type {Buffer[]} */
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          clearTimeout(timer);
          const status = incoming.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get: (name) => {
                const value = incoming.headers[name.toLowerCase()];
                return value === undefined ? null : String(value);
              },
              has: (name) => incoming.headers[name.toLowerCase()] !== undefined,
            },
            json: async () => JSON.parse(text),
          });
        });
      },
    );
    /** @param {Error} error */
    function fail(error) {
      clearTimeout(timer);
      reject(error);
    }
    const timer = setTimeout(() => outgoing.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs);
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
