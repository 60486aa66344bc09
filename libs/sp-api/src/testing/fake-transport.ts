import type { HttpTransport, TransportRequest, TransportResponse } from '../transport/http-transport';
import { readStreamText } from '../transport/http-transport';
import { bufferToStream } from '../transport/undici-http-transport';

/** What a fake route answers. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | object;
}

/** A recorded request (body read as text). */
export interface RecordedRequest extends Omit<TransportRequest, 'body'> {
  body?: string;
}

/** Typed fake of the transport port: answers from a handler and records every request. */
export class FakeTransport implements HttpTransport {
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly handler: (req: RecordedRequest) => FakeReply | Promise<FakeReply>) {}

  async send(req: TransportRequest): Promise<TransportResponse> {
    let body: string | undefined;
    if (typeof req.body === 'string') body = req.body;
    else if (req.body instanceof Uint8Array) body = Buffer.from(req.body).toString('utf8');
    else if (req.body) body = await readStreamText(req.body);
    const recorded: RecordedRequest = { ...req, body };
    this.requests.push(recorded);
    const reply = await this.handler(recorded);
    const payload =
      reply.body === undefined ? '' : typeof reply.body === 'string' || reply.body instanceof Uint8Array ? reply.body : JSON.stringify(reply.body);
    const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const stream = bufferToStream(payload);
    return {
      status: reply.status,
      header: (name) => headers[name.toLowerCase()],
      body: stream,
      text: () => readStreamText(stream),
    };
  }
}
