/**
 * A small typed client for Meterline's edge API, for other Workers, browsers and Node: it uses
 * only `fetch`, and imports nothing at run time (the types below come from the API's own
 * contract and vanish when compiled).
 *
 *   const meterline = new MeterlineClient({ baseUrl: 'https://meterline.example.com', apiKey });
 *   const answer = await meterline.entitled({ schemaName: 'api_call', accountId: 'acme', timestamp });
 *   if (!answer.entitled) return new Response(`Out of credits (${answer.reason})`, { status: 402 });
 *
 * An event without an id is given one here, before the first attempt, so the retries this client
 * makes on 503 and network failures can never debit or ingest it twice.
 */
import type { EntitledResponse } from '../shared/api/entitlement-routes';
import type { FeatureCreditsWire } from '../shared/entitlement/credit-entry';

/**
 * An account's credits for a feature, in Togai's shape: amounts are JSON numbers whose text is the
 * exact decimal; JSON.parse reads them as doubles, exact to 15 significant digits.
 */
export type FeatureCredits = FeatureCreditsWire;

export interface MeterlineEvent {
  id?: string;
  schemaName: string;
  /** ISO 8601 with a zone, e.g. new Date().toISOString(). */
  timestamp: string;
  accountId: string;
  attributes?: { name: string; value: string; unit?: string }[];
  dimensions?: Record<string, string>;
}

export type Entitlement =
  | { entitled: true; eventId: string; status: 'ACCEPTED' | 'DUPLICATE'; balances: FeatureCredits[] }
  | {
      entitled: false;
      eventId: string;
      reason: 'NO_FEATURE' | 'NO_GRANT' | 'INSUFFICIENT_CREDITS';
      featureId?: string;
      available?: number;
      message: string;
      balances: FeatureCredits[];
    };

export interface IngestResult {
  eventId: string;
  status: 'ACCEPTED' | 'DUPLICATE';
  acceptedAt: string;
}

/** An answer that is an error (problem+json): `code` is stable, `errors` names each field. */
export class MeterlineError extends Error {
  override readonly name = 'MeterlineError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface MeterlineClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Attempts after the first on 503 or a network failure (default 2). */
  retries?: number;
  fetch?: typeof fetch;
}

export class MeterlineClient {
  private readonly baseUrl: string;
  private readonly retries: number;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: MeterlineClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retries = options.retries ?? 2;
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** POST /entitled: debits the account's credits and ingests the event, or says why not. */
  async entitled(event: MeterlineEvent): Promise<Entitlement> {
    const body = { event: { ...event, id: event.id ?? crypto.randomUUID() } };
    const response = await this.call('POST', '/entitled', body, [200, 403]);
    const answer = (await response.json()) as EntitledResponse;
    const d = answer.details;
    if (d.entitled) return { entitled: true, eventId: d.eventId, status: d.status!, balances: d.balances };
    return {
      entitled: false,
      eventId: d.eventId,
      reason: d.reason!,
      ...(d.featureId !== undefined ? { featureId: d.featureId } : {}),
      ...(d.available !== undefined ? { available: d.available } : {}),
      message: answer.message,
      balances: d.balances,
    };
  }

  /** GET /accounts/{accountId}/features/{featureId}: current to the last debit. */
  async featureCredits(accountId: string, featureId: string): Promise<FeatureCredits> {
    const response = await this.call('GET', `/accounts/${encodeURIComponent(accountId)}/features/${encodeURIComponent(featureId)}`);
    return (await response.json()) as FeatureCredits;
  }

  /** POST /accounts/{accountId}/entitlements/{featureId}: whether the account's value grants `value`. */
  async hasEntitlement(accountId: string, featureId: string, value: string): Promise<boolean> {
    const path = `/accounts/${encodeURIComponent(accountId)}/entitlements/${encodeURIComponent(featureId)}`;
    const response = await this.call('POST', path, { value });
    return ((await response.json()) as { success: boolean }).success;
  }

  /** POST /ingest: usage that has happened, whatever the balance. */
  async ingest(event: MeterlineEvent): Promise<IngestResult> {
    const response = await this.call('POST', '/ingest', { event: { ...event, id: event.id ?? crypto.randomUUID() } });
    return ((await response.json()) as { details: IngestResult }).details;
  }

  private async call(method: string, path: string, body?: unknown, answers: number[] = []): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${this.options.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetcher(`${this.baseUrl}${path}`, init);
      } catch (error) {
        if (attempt < this.retries) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      const isAnswer = response.ok || (answers.includes(response.status) && !isProblem(response));
      if (isAnswer) return response;
      if (response.status === 503 && attempt < this.retries) {
        await response.body?.cancel();
        await backoff(attempt);
        continue;
      }
      throw await toError(response);
    }
  }
}

function isProblem(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
}

async function toError(response: Response): Promise<MeterlineError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { code?: string; detail?: string; errors?: { path: string; message: string }[] };
    return new MeterlineError(response.status, problem.code ?? 'unknown', problem.detail ?? text, problem.errors ?? []);
  } catch {
    return new MeterlineError(response.status, 'unknown', text.slice(0, 500));
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt + Math.random() * 50));
}
