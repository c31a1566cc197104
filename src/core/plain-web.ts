// The Request openapi-fetch builds for the library's own calls, the Response it reads back and that answer's
// Headers, as plain objects: the web classes cost a body stream, a signal that follows the caller's (weakly: lost
// when the Request is collected) and ~100 µs of CPU a call (`npm run bench`, small calls). Each implements the
// standard interface, and builds the standard object only when a member that needs it (a body stream, a Blob,
// FormData, a changed header) is asked for. typedApi(pbx) keeps the standard classes: what users get is always the
// real thing.

/** What a request or an answer carries: a string or bytes, or nothing. */
type Bytes = string | Buffer | null;

/**
 * The body's part of both: read once, as text, JSON or bytes; a stream, a Blob or FormData from the standard object.
 */
abstract class PlainBody {
  #used = false;
  constructor(private readonly content: Bytes) {}

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The content, once: a second read is the TypeError a standard body gives. */
  protected take(): Bytes {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.content;
  }

  protected peekContent(): Bytes {
    return this.content;
  }

  async text(): Promise<string> {
    const content = this.take();
    return content === null ? "" : content.toString();
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** A copy of the content in an ArrayBuffer of its own. */
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const content = this.take();
    const source = content === null ? Buffer.alloc(0) : Buffer.from(content);
    const copy = new Uint8Array(source.length);
    copy.set(source);
    return copy;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  /** The standard object of the same request or answer. */
  abstract standard(): Request | Response;

  get body(): ReadableStream<Uint8Array> | null {
    return this.standard().body;
  }

  async blob(): Promise<Blob> {
    this.take();
    return this.standard().blob();
  }

  async formData(): Promise<FormData> {
    this.take();
    return this.standard().formData();
  }
}

/** Node's header object: names in lower case, a repeated header (set-cookie) as a list. */
export type RawHeaders = Record<string, string | string[] | undefined>;

/** A header name as Headers takes one: an HTTP token (RFC 9110). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * An answer's headers as web Headers, read from Node's header object: get() and has() read it as it is (repeated
 * headers joined with ", ", as Headers joins them); any other member works on the standard Headers, built on first
 * use. openapi-fetch and the library read one or two headers of an answer; building Headers cost more than the rest
 * of reading one (~20 µs a call while the code is cold).
 */
export class PlainHeaders implements Headers {
  #standard: Headers | undefined;
  constructor(private readonly raw: RawHeaders) {}

  /** The standard Headers of the same answer, built once; from then on it holds the headers. */
  #headers(): Headers {
    this.#standard ??= new Headers(headerEntries(this.raw));
    return this.#standard;
  }

  get(name: string): string | null {
    if (this.#standard) return this.#standard.get(name);
    if (!HEADER_NAME.test(name)) throw new TypeError(`Headers.get: ${JSON.stringify(name)} is an invalid header name`);
    // Own names only: Node's header object inherits from Object.prototype (`constructor`, `toString`).
    const key = name.toLowerCase();
    const value = Object.hasOwn(this.raw, key) ? this.raw[key] : undefined;
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  append(name: string, value: string): void {
    this.#headers().append(name, value);
  }
  delete(name: string): void {
    this.#headers().delete(name);
  }
  set(name: string, value: string): void {
    this.#headers().set(name, value);
  }
  getSetCookie(): string[] {
    return this.#headers().getSetCookie();
  }
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#headers().forEach((value, key) => {
      callback.call(thisArg, value, key, this);
    });
  }
  entries(): ReturnType<Headers["entries"]> {
    return this.#headers().entries();
  }
  keys(): ReturnType<Headers["keys"]> {
    return this.#headers().keys();
  }
  values(): ReturnType<Headers["values"]> {
    return this.#headers().values();
  }
  [Symbol.iterator](): ReturnType<Headers["entries"]> {
    return this.#headers()[Symbol.iterator]();
  }
}

/** Node's header object as HeadersInit: its values as strings, repeated ones (set-cookie) as several entries. */
export function headerEntries(raw: RawHeaders): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) entries.push([name, v]);
    else if (value !== undefined) entries.push([name, value]);
  }
  return entries;
}

/**
 * openapi-fetch's `Request` option for the library's calls: the URL, method, headers, body and the caller's own
 * signal, held as given.
 */
export class PlainRequest extends PlainBody implements Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly redirect: Request["redirect"];
  readonly cache: Request["cache"] = "default";
  readonly credentials: Request["credentials"] = "same-origin";
  readonly destination: Request["destination"] = "";
  readonly integrity: string = "";
  readonly keepalive: boolean = false;
  readonly mode: Request["mode"] = "cors";
  readonly referrer: string = "about:client";
  readonly referrerPolicy: Request["referrerPolicy"] = "";
  readonly duplex: Request["duplex"] = "half";

  constructor(input: ConstructorParameters<typeof Request>[0], init: RequestInit = {}) {
    const content = typeof init.body === "string" || Buffer.isBuffer(init.body) ? init.body : null;
    if (init.body != null && content === null) throw new TypeError("PlainRequest: a string or Buffer body only");
    super(content);
    this.url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    this.method = (init.method ?? "GET").toUpperCase();
    // openapi-fetch hands over the Headers it just built for this request alone: held, not copied.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? new AbortController().signal;
    this.redirect = init.redirect ?? "follow";
  }

  /** The standard Request of the same call (its signal follows this one's). */
  standard(): Request {
    const body = this.peekContent();
    return new Request(this.url, {
      method: this.method,
      headers: this.headers,
      signal: this.signal,
      redirect: this.redirect,
      ...(body === null ? {} : { body }),
    });
  }

  clone(): Request {
    return this.standard();
  }
}

/** A JSON answer read whole (at most the reply cap), as openapi-fetch and the library read a Response. */
export class BufferedResponse extends PlainBody implements Response {
  readonly ok: boolean;
  readonly redirected = false;
  readonly statusText: string = "";
  readonly type: Response["type"] = "basic";
  /** As a constructed Response's: "" (the request's URL holds the access token). */
  readonly url: string = "";

  constructor(
    content: Buffer | null,
    readonly status: number,
    readonly headers: Headers,
  ) {
    super(content);
    this.ok = status >= 200 && status < 300;
  }

  /** The standard Response of the same answer. */
  standard(): Response {
    return new Response(this.peekContent(), { status: this.status, headers: this.headers });
  }

  clone(): Response {
    return this.standard();
  }
}
