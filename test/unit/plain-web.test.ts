// PlainRequest, BufferedResponse and PlainHeaders: the library's own Request, Response and Headers objects behave as
// the standard ones do for every member (a body read once, text/json/bytes, headers read by any name and case, and
// the standard object where a stream or a changed header is asked for).
import { describe, expect, it } from "vitest";
import { BufferedResponse, PlainHeaders, PlainRequest } from "../../src/core/plain-web.js";

describe("PlainRequest", () => {
  it("holds the URL, method, headers, the caller's own signal and the body, read once", async () => {
    const signal = new AbortController().signal;
    const request = new PlainRequest("http://pbx.test/openapi/v1.0/get_token", {
      method: "post",
      headers: { "content-type": "application/json" },
      body: '{"username":"a"}',
      signal,
    });
    expect(request.url).toBe("http://pbx.test/openapi/v1.0/get_token");
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.signal).toBe(signal);
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ username: "a" });
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it("gives a standard Request where one is needed (clone, body), with the same signal's abort", async () => {
    const controller = new AbortController();
    const request = new PlainRequest(new URL("http://pbx.test/x"), {
      method: "PUT",
      body: "abc",
      signal: controller.signal,
    });
    const standard = request.clone();
    expect(standard).toBeInstanceOf(Request);
    expect(await standard.text()).toBe("abc");
    expect(request.body).toBeInstanceOf(ReadableStream);
    controller.abort();
    expect(request.clone().signal.aborted).toBe(true);
  });

  it("holds the Headers openapi-fetch built for it as they are; copies any other headers init", () => {
    const headers = new Headers({ "user-agent": "ycr" });
    expect(new PlainRequest("http://pbx.test/", { headers }).headers).toBe(headers);
    const copied = new PlainRequest("http://pbx.test/", { headers: [["X-A", "1"]] }).headers;
    expect(copied).toBeInstanceOf(Headers);
    expect(copied.get("x-a")).toBe("1");
  });

  it("takes no body, or a string or Buffer one; refuses a stream it would have to buffer", () => {
    expect(new PlainRequest("http://pbx.test/").bodyUsed).toBe(false);
    expect(() => new PlainRequest("http://pbx.test/", { method: "POST", body: new ReadableStream() })).toThrow(
      /a string or Buffer body only/,
    );
  });
});

describe("BufferedResponse", () => {
  const reply = () =>
    new BufferedResponse(Buffer.from('{"errcode":0}'), 200, new Headers({ "content-type": "application/json" }));

  it("reads as a standard Response does: status, ok, headers, a body read once", async () => {
    const response = reply();
    expect(response.ok).toBe(true);
    expect(response.url).toBe("");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ errcode: 0 });
    await expect(response.json()).rejects.toThrow(/Body is unusable/);
    expect(new BufferedResponse(null, 502, new Headers()).ok).toBe(false);
  });

  it("bytes and arrayBuffer are copies of their own; clone and body are standard", async () => {
    const bytes = await reply().bytes();
    expect(Buffer.from(bytes).toString()).toBe('{"errcode":0}');
    expect(bytes.byteOffset).toBe(0);
    expect(new TextDecoder().decode(await reply().arrayBuffer())).toBe('{"errcode":0}');
    const clone = reply().clone();
    expect(clone).toBeInstanceOf(Response);
    expect(await clone.json()).toEqual({ errcode: 0 });
    expect(reply().body).toBeInstanceOf(ReadableStream);
    const read = reply();
    expect(await (await read.blob()).text()).toBe('{"errcode":0}');
    await expect(read.text()).rejects.toThrow(/Body is unusable/);
    expect(await new BufferedResponse(null, 204, new Headers()).text()).toBe("");
  });
});

describe("PlainHeaders", () => {
  // Node's header object: names in lower case, set-cookie as a list.
  const raw = () => ({
    "content-type": "application/json",
    "content-length": "13",
    "set-cookie": ["a=1", "b=2"],
    "x-empty": "",
  });
  const standard = () =>
    new Headers([
      ["content-type", "application/json"],
      ["content-length", "13"],
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
      ["x-empty", ""],
    ]);

  it("reads a header by any case, as Headers does: null when absent, repeated ones joined", () => {
    const headers = new PlainHeaders(raw());
    // Node's header object inherits from Object.prototype: its members are no headers.
    for (const name of ["Content-Type", "content-length", "SET-COOKIE", "x-empty", "retry-after", "constructor"]) {
      expect(headers.get(name)).toBe(standard().get(name));
      expect(headers.has(name)).toBe(standard().has(name));
    }
    expect(new PlainHeaders(raw()).has("toString")).toBe(false);
    // A name that is no HTTP token is refused, as by Headers.
    for (const name of ["bad name", "", "ü"]) {
      expect(() => standard().get(name)).toThrow(TypeError);
      expect(() => new PlainHeaders(raw()).get(name)).toThrow(TypeError);
    }
  });

  it("iterates, lists cookies and calls back as Headers does, itself the callback's parent", () => {
    const headers = new PlainHeaders(raw());
    expect([...headers]).toEqual([...standard()]);
    expect([...headers.entries()]).toEqual([...standard().entries()]);
    expect([...headers.keys()]).toEqual([...standard().keys()]);
    expect([...headers.values()]).toEqual([...standard().values()]);
    expect(headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const seen: [string, string, unknown][] = [];
    headers.forEach((value, key, parent) => {
      seen.push([key, value, parent]);
    });
    expect(seen).toEqual([...standard()].map(([k, v]) => [k, v, headers]));
  });

  it("changes as Headers does once written to, and reads the change back", () => {
    const headers = new PlainHeaders(raw());
    headers.set("Content-Type", "text/csv");
    headers.append("x-empty", "y");
    headers.delete("content-length");
    expect(headers.get("content-type")).toBe("text/csv");
    expect(headers.get("x-empty")).toBe(", y");
    expect(headers.has("content-length")).toBe(false);
    expect(() => headers.set("bad name", "v")).toThrow(TypeError);
  });

  it("makes the standard Response of a BufferedResponse with the same headers", async () => {
    const response = new BufferedResponse(Buffer.from("{}"), 200, new PlainHeaders(raw())).clone();
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
});
