// PlainRequest and BufferedResponse: the library's own Request and Response objects behave as the standard ones do
// for every member (a body read once, text/json/bytes, and the standard object where a stream is asked for).
import { describe, expect, it } from "vitest";
import { BufferedResponse, PlainRequest } from "../../src/core/plain-web.js";

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
