import { randomUUID } from 'node:crypto';
import { TokenService } from './auth';
import { Faults, withoutCreatorIds } from './faults';
import { GraphError, errorBody } from './graph-error';
import { ListStore } from './list-store';
import { MessageStore } from './message-store';
import { type GraphRequest, type GraphResponse, Router, splitPath } from './router';
import { DropConnection, registerBatch } from './routes/batch';
import { registerAppCatalogs } from './routes/app-catalogs';
import { registerDirectory } from './routes/directory';
import { registerItems } from './routes/items';
import { registerSites, resolveSitePath } from './routes/sites';
import { resetSharePointRest } from './routes/sharepoint-rest-store';
import { registerTeams } from './routes/teams';
import { Store } from './store';
import { ResourceBudget, type ThrottlingOptions } from './throttling';

/**
 * Everything one running emulator holds: the database, the Graph route table, tokens and faults.
 * `dispatch` is the single path every Graph request takes — top-level or a `$batch` entry:
 * faults, then authentication, then the route.
 */

export interface CoreOptions {
  dataDir: string;
  now?: () => number;
  random?: () => number;
  /** SharePoint-shaped throttling (throttling.ts); none when absent. */
  throttling?: ThrottlingOptions | null;
}

export type DispatchResult = GraphResponse | 'drop';

export class EmulatorCore {
  readonly store: Store;
  readonly lists: ListStore;
  readonly messages: MessageStore;
  readonly tokens: TokenService;
  readonly faults: Faults;
  /** The resource-unit budget when throttling is on, else null. */
  readonly throttling: ResourceBudget | null;
  readonly now: () => number;
  private readonly router = new Router();
  /** Origin the emulator is reachable at, e.g. http://127.0.0.1:53001 (set once listening). */
  origin = 'http://127.0.0.1';

  constructor(options: CoreOptions) {
    this.now = options.now ?? (() => Date.now());
    this.store = new Store({ dataDir: options.dataDir });
    this.lists = new ListStore(this.store, this.now);
    this.messages = new MessageStore(this.store, this.now);
    this.tokens = new TokenService(this.store.meta('tokenSecret') ?? '', this.now);
    this.faults = new Faults(options.random);
    this.throttling = options.throttling ? new ResourceBudget(options.throttling, this.now) : null;
    registerDirectory(this.router);
    registerSites(this.router);
    registerItems(this.router);
    registerTeams(this.router);
    registerBatch(this.router);
    registerAppCatalogs(this.router);
  }

  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }

  reset(): void {
    this.store.reset();
    resetSharePointRest(this.store);
    this.lists.clearCaches();
    this.faults.clear();
    this.throttling?.reset();
  }

  close(): void {
    this.store.close();
  }

  /**
   * Answers one Graph request. A `$batch` entry passes the envelope's `authorization` and meets
   * faults on its own, like any request.
   */
  async dispatch(
    req: GraphRequest,
    options: { authorization?: string | undefined } = {},
  ): Promise<DispatchResult> {
    const ids = {
      requestId: randomUUID(),
      clientRequestId: req.headers['client-request-id'] ?? randomUUID(),
      date: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    const baseHeaders: Record<string, string> = {
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
    };
    const query = req.query.toString();
    const outcome = this.faults.check(req.method, query === '' ? req.path : `${req.path}?${query}`);
    if (outcome.latencyMs > 0) await new Promise((r) => setTimeout(r, outcome.latencyMs));
    try {
      if (outcome.failure === 'drop') return 'drop';
      if (outcome.failure) throw outcome.failure;
      // A `$batch` entry is charged on its own; the envelope costs nothing (throttling.ts).
      const charged = this.throttling?.admit(req, 'authorization' in options) ?? false;
      const user = this.tokens.authenticate(options.authorization ?? req.headers['authorization']);
      if (user instanceof GraphError) throw user;
      const path = resolveSitePath(req.path);
      const { handler, params } = this.router.match(req.method, splitPath(path));
      const response = await handler({ req: { ...req, path }, params, user, emu: this });
      const limits = charged && this.throttling ? this.throttling.charge(req, response) : {};
      return {
        ...response,
        ...(outcome.omitCreatorId ? { body: withoutCreatorIds(response.body) } : {}),
        headers: { ...baseHeaders, ...limits, ...response.headers },
      };
    } catch (err) {
      if (err instanceof DropConnection) return 'drop';
      if (err instanceof GraphError) {
        return {
          status: err.status,
          headers: { ...baseHeaders, ...err.headers },
          body: errorBody(err, ids),
        };
      }
      // A defect in the emulator must still look like Graph to the client, and be visible here.
      console.error('[emulator] interne fout', err);
      return {
        status: 500,
        headers: baseHeaders,
        body: errorBody(
          new GraphError(500, 'generalException', 'General exception while processing'),
          ids,
        ),
      };
    }
  }
}
