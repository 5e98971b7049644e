import { GraphError, segmentNotFound } from './graph-error';
import type { EmulatorCore } from './core';
import type { TenantUser } from './tenant';

/**
 * A small route table for the Graph surface. Requests reach it as plain values (not Node streams)
 * so that `$batch` entries go through exactly the same handlers as top-level requests.
 */

export interface GraphRequest {
  method: string;
  /** Path below the version root, e.g. `/sites/{id}/lists`. Not decoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, `undefined` when there was none. */
  body: unknown;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RouteContext {
  req: GraphRequest;
  params: Record<string, string>;
  user: TenantUser;
  emu: EmulatorCore;
}

export type Handler = (ctx: RouteContext) => GraphResponse | Promise<GraphResponse>;

interface Route {
  method: string;
  segments: string[];
  literals: number;
  handler: Handler;
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): GraphResponse {
  return { status, body, headers };
}

export function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new GraphError(400, 'BadRequest', `The segment '${s}' is not correctly encoded.`);
      }
    });
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter((s) => s !== '');
    this.routes.push({
      method,
      segments,
      literals: segments.filter((s) => !s.startsWith(':')).length,
      handler,
    });
    return this;
  }

  match(
    method: string,
    segments: readonly string[],
  ): { handler: Handler; params: Record<string, string> } {
    let best: { route: Route; params: Record<string, string> } | null = null;
    let deepest = 0;
    let methodMismatch = false;
    for (const route of this.routes) {
      const params: Record<string, string> = {};
      let matched = 0;
      for (; matched < Math.min(route.segments.length, segments.length); matched++) {
        const pattern = route.segments[matched] as string;
        const actual = segments[matched] as string;
        if (pattern.startsWith(':')) params[pattern.slice(1)] = actual;
        else if (pattern.toLowerCase() !== actual.toLowerCase()) break;
      }
      deepest = Math.max(deepest, matched);
      if (matched !== segments.length || route.segments.length !== segments.length) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      if (!best || route.literals > best.route.literals) best = { route, params };
    }
    if (best) return { handler: best.route.handler, params: best.params };
    if (methodMismatch) {
      throw new GraphError(
        405,
        'BadRequest',
        `The requested resource does not support http method '${method}'.`,
      );
    }
    throw segmentNotFound(segments[deepest] ?? segments[segments.length - 1] ?? '');
  }
}
