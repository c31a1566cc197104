// The token lifecycle: one access token per client, shared by concurrent calls (single flight), renewed
// before it expires with refresh_token (falling back to get_token), revoked by close().

import type { TokenReply } from "../../generated/openapi.js";
import { YeastarAuthError, YeastarError, YeastarIpBlockedError, YeastarReplyError } from "../errors.js";
import { HeldSecrets } from "../secrets.js";
import { untilAborted } from "./abort.js";
import { apiError, apiErrorMessage } from "./api-errors.js";

export interface TokenCalls {
  getToken(body: { username: string; password: string }): Promise<TokenReply>;
  refreshToken(body: { refresh_token: string }): Promise<TokenReply>;
  /** Revokes a token; `expiresAt` says until when it stays valid if the PBX does not revoke it. */
  deleteToken(accessToken: string, expiresAt: number): Promise<void>;
}

/** What a client logs in with: an application's client ID and secret, or a token its caller manages. */
export type Credentials = { clientId: string; clientSecret: string } | { accessToken: string };

interface Held {
  access: string;
  accessExpiresAt: number;
  /** When to renew: before accessExpiresAt by the margin. */
  renewAt: number;
  refresh?: string | undefined;
  refreshExpiresAt: number;
}

/** Renew a minute (or a tenth of a short lifetime) before expiry, so no call goes out with a token about to lapse. */
const marginOf = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 10);

/**
 * A token is used for a minute at least, whatever lifetime the PBX states: a tiny one (1 s) renewed before every
 * call, a login each time once refresh was refused. Should the PBX really expire it sooner, its 10004 renews it.
 */
export const MIN_TOKEN_USE_MS = 60_000;

/** The failures of a login (get_token, refresh_token): this client got no token from the PBX. */
const loginFailures = new WeakSet<object>();

/** Whether an error is a failed login's: a run's next call would wait for the same failure (a PBX that is down). */
export const isLoginFailure = (error: unknown) =>
  typeof error === "object" && error !== null && loginFailures.has(error);

const marked = (error: unknown): never => {
  if (typeof error === "object" && error !== null) loginFailures.add(error);
  throw error;
};

export class TokenManager {
  private held: Held | undefined;
  private pending: Promise<Held> | undefined;
  /** Bumped whenever the token changes, so a 10004 renews only the token that failed. */
  generation = 0;
  private closed = false;
  /** Revocations of superseded tokens under way. */
  private readonly revoking = new Set<Promise<void>>();
  /**
   * A refusal of the credentials (-1) or of this IP (70004, 70087), kept: the client never asks for a token
   * again by itself, since five failures in a row block the IP. A new client asks again.
   */
  private refused: { error: YeastarError; until: number } | undefined;
  /** The secret, and the tokens until they expire: redacted from every error and message meanwhile. */
  private readonly secrets: HeldSecrets;

  constructor(
    private readonly calls: TokenCalls,
    private readonly credentials: Credentials,
    private readonly now: () => number = Date.now,
  ) {
    this.secrets = new HeldSecrets(now);
    this.secrets.keep("accessToken" in credentials ? credentials.accessToken : credentials.clientSecret);
    if ("accessToken" in credentials) {
      this.held = {
        access: credentials.accessToken,
        accessExpiresAt: Infinity,
        renewAt: Infinity,
        refreshExpiresAt: 0,
      };
    }
  }

  /**
   * A valid access token: the current one, or a renewed one (one renewal at a time for all callers). A caller whose
   * signal fires stops waiting at once; the renewal itself goes on (bounded), so that close() revokes what it brings.
   */
  async token(signals: (AbortSignal | undefined)[] = []): Promise<{ token: string; generation: number }> {
    if (this.closed) throw new YeastarError("this client is closed: its token was revoked; create a new client");
    if (this.refused && this.now() < this.refused.until) throw this.refused.error;
    const held = this.held;
    if (held && this.now() < held.renewAt) return { token: held.access, generation: this.generation };
    this.pending ??= this.renew()
      .catch(marked)
      .finally(() => (this.pending = undefined));
    const renewed = await untilAborted(this.pending, signals, "access token");
    return { token: renewed.access, generation: this.generation };
  }

  /** The PBX said 10004 for a token of this generation: renew it (once, whoever asks first). */
  expire(generation: number): void {
    if (generation !== this.generation || !this.held) return;
    if ("accessToken" in this.credentials) {
      const details = { errcode: 10004, errmsg: "TOKEN EXPIRED", endpoint: "access token" };
      const hint =
        "The access token passed as `accessToken` has expired or was revoked; pass a fresh one, or pass clientId " +
        "and clientSecret so that the client renews tokens itself";
      throw new YeastarAuthError(apiErrorMessage(details, hint), details);
    }
    this.held = { ...this.held, accessExpiresAt: 0, renewAt: 0 };
  }

  private async renew(): Promise<Held> {
    if ("accessToken" in this.credentials) throw new YeastarError("internal: a caller-managed token is never renewed");
    const refresh = this.held?.refresh;
    let reply: TokenReply | undefined;
    let refreshed = false;
    if (refresh && this.now() < this.held!.refreshExpiresAt) {
      reply = await this.calls.refreshToken({ refresh_token: refresh });
      // A refresh token that is gone (used, revoked, expired) is no failure: log in again.
      if (reply.errcode !== 0) reply = undefined;
      refreshed = reply !== undefined;
    }
    reply ??= await this.calls.getToken({
      username: this.credentials.clientId,
      password: this.credentials.clientSecret,
    });
    if (reply.errcode !== 0) throw this.refusal(reply);
    if (typeof reply.access_token !== "string" || reply.access_token === "") {
      throw new YeastarReplyError(
        "malformed reply from POST /openapi/v1.0/get_token: errcode 0 but no access_token string",
      );
    }
    const at = this.now();
    const seconds = (v: unknown, fallback: number) =>
      typeof v === "number" && v > 0 && Number.isFinite(v) ? v : fallback;
    const lifetime = seconds(reply.access_token_expire_time, 1800) * 1000;
    const superseded = this.held;
    this.held = {
      access: reply.access_token,
      accessExpiresAt: at + lifetime,
      renewAt: at + Math.max(lifetime - marginOf(lifetime), MIN_TOKEN_USE_MS),
      refresh: typeof reply.refresh_token === "string" ? reply.refresh_token : undefined,
      refreshExpiresAt: at + seconds(reply.refresh_token_expire_time, 86400) * 1000,
    };
    this.secrets.keep(this.held.access, Math.max(this.held.accessExpiresAt, this.held.renewAt));
    this.secrets.keep(this.held.refresh, this.held.refreshExpiresAt);
    this.generation += 1;
    // A token replaced by a new login (not a refresh) may still be valid: revoke it, so that superseded tokens do not
    // count against the PBX's cap on an application's tokens (eight: then the application is locked out). Not
    // awaited here; close() waits for it.
    if (!refreshed && superseded && superseded.access !== reply.access_token && at < superseded.accessExpiresAt)
      this.revokeLater(superseded);
    return this.held;
  }

  /** Revokes a superseded token in the background; close() waits for it. */
  private revokeLater(superseded: Held): void {
    const revoked = this.calls
      .deleteToken(superseded.access, superseded.accessExpiresAt)
      .catch(() => undefined)
      .finally(() => this.revoking.delete(revoked));
    this.revoking.add(revoked);
  }

  /** The error of a failed login; a refusal of the credentials or the IP is kept (see `refused`). */
  private refusal(reply: TokenReply): YeastarError {
    const error = apiError({
      errcode: reply.errcode,
      errmsg: reply.errmsg,
      endpoint: "/openapi/v1.0/get_token",
      ...(reply.invalid_param_list ? { invalid_param_list: reply.invalid_param_list } : {}),
      ...(reply.block_expire_time ? { block_expire_time: reply.block_expire_time } : {}),
    });
    if (error instanceof YeastarAuthError) this.refused = { error, until: Infinity };
    if (error instanceof YeastarIpBlockedError)
      this.refused = { error, until: error.blockExpiresAt?.getTime() ?? Infinity };
    return error;
  }

  /**
   * Revokes the token this client obtained (not one the caller passed in), also one that a renewal under way
   * brings after close() was called. Later calls fail.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pending?.catch(() => undefined);
    await Promise.all([...this.revoking]);
    const held = this.held;
    this.held = undefined;
    if (held && !("accessToken" in this.credentials) && this.now() < held.accessExpiresAt)
      await this.calls.deleteToken(held.access, held.accessExpiresAt);
    this.secrets.releaseAll();
  }
}
