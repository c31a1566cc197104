// The simulated PBX's token store: get_token, refresh_token, del_token, the 8-token cap and the IP block.
import { randomBytes } from "node:crypto";

export interface TokenSettings {
  clientId: string;
  clientSecret: string;
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  maxTokens: number;
  maxFailedLogins: number;
  blockSeconds: number;
  refreshRevokesAccessToken: boolean;
}

interface Held {
  expiresAt: number;
  revoked: boolean;
}

type Reply = Record<string, unknown> & { errcode: number; errmsg: string };

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 32 random letters and digits, like the PBX's tokens. */
export function randomToken(length = 32): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
}

export class TokenStore {
  private readonly access = new Map<string, Held>();
  private readonly refresh = new Map<string, Held & { access: string }>();
  private failures = 0;
  private blockedUntil = 0;

  constructor(
    private readonly settings: () => TokenSettings,
    private readonly now: () => number,
  ) {}

  /** Access tokens that are neither expired nor revoked. */
  validCount(): number {
    return [...this.access.values()].filter((t) => this.live(t)).length;
  }

  isValid(token: string | undefined): boolean {
    const held = token === undefined ? undefined : this.access.get(token);
    return held !== undefined && this.live(held);
  }

  /** The fault "token expiry now": the token stops working at once. */
  expire(token: string): void {
    const held = this.access.get(token);
    if (held) held.expiresAt = this.now();
  }

  /** Every access token stops working at once. */
  expireAll(): void {
    for (const held of this.access.values()) held.expiresAt = Math.min(held.expiresAt, this.now());
  }

  private live(t: Held): boolean {
    return !t.revoked && t.expiresAt > this.now();
  }

  private issue(): Reply {
    const s = this.settings();
    const access_token = randomToken();
    const refresh_token = randomToken();
    this.access.set(access_token, { expiresAt: this.now() + s.accessTokenLifetime * 1000, revoked: false });
    this.refresh.set(refresh_token, {
      expiresAt: this.now() + s.refreshTokenLifetime * 1000,
      revoked: false,
      access: access_token,
    });
    return {
      errcode: 0,
      errmsg: "SUCCESS",
      access_token,
      access_token_expire_time: s.accessTokenLifetime,
      refresh_token,
      refresh_token_expire_time: s.refreshTokenLifetime,
    };
  }

  getToken(body: { username?: unknown; password?: unknown }): Reply {
    const s = this.settings();
    if (this.blockedUntil > this.now()) {
      return { errcode: 70004, errmsg: "ACCOUNT IP BLOCKED", block_expire_time: Math.floor(this.blockedUntil / 1000) };
    }
    if (body.username !== s.clientId || body.password !== s.clientSecret) {
      this.failures += 1;
      if (this.failures >= s.maxFailedLogins) {
        this.blockedUntil = this.now() + s.blockSeconds * 1000;
        this.failures = 0;
        return {
          errcode: 70004,
          errmsg: "ACCOUNT IP BLOCKED",
          block_expire_time: Math.floor(this.blockedUntil / 1000),
        };
      }
      return {
        errcode: -1,
        errmsg: "FAILURE",
        invalid_param_list: [{ field: "username or password", value: "error" }],
      };
    }
    this.failures = 0;
    if (this.validCount() >= s.maxTokens) return { errcode: 60002, errmsg: "MAX LIMITATION EXCEEDED" };
    return this.issue();
  }

  refreshToken(body: { refresh_token?: unknown }): Reply {
    const token = typeof body.refresh_token === "string" ? body.refresh_token : undefined;
    const held = token === undefined ? undefined : this.refresh.get(token);
    if (!held || !this.live(held)) return { errcode: 10004, errmsg: "TOKEN EXPIRED" };
    held.revoked = true;
    if (this.settings().refreshRevokesAccessToken) {
      const old = this.access.get(held.access);
      if (old) old.revoked = true;
    }
    return this.issue();
  }

  delToken(token: string): void {
    const held = this.access.get(token);
    if (held) held.revoked = true;
  }
}
