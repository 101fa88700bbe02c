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

/**
 * An account's credits for a feature, in Togai's shape: amounts are JSON numbers whose text is the
 * exact decimal; JSON.parse reads them as doubles, exact to 15 significant digits.
 * (The shapes here are written out, not imported: the package has no dependencies, not even types.)
 */
export interface FeatureCredits {
  accountId: string;
  featureId: string;
  granted: number;
  balance: number;
  overageLimit?: number;
  usedOverage: number;
}

type DenialReason = 'NO_FEATURE' | 'NO_GRANT' | 'INSUFFICIENT_CREDITS';

interface EntitledResponse {
  success: boolean;
  message: string;
  details: {
    entitled: boolean;
    eventId: string;
    status?: 'ACCEPTED' | 'DUPLICATE';
    reason?: DenialReason;
    featureId?: string;
    available?: number;
    balances: FeatureCredits[];
  };
}

/** A hold on a feature's credits, or on money against the account's spend limit (POST /reservations). */
export interface Reservation {
  id: string;
  accountId: string;
  /** A reservation of credits: the feature held. */
  featureId?: string;
  /** A reservation of money: the currency of `amount`. */
  currency?: string;
  amount: number;
  status: 'HELD' | 'SETTLED' | 'RELEASED' | 'EXPIRED';
  createdAt: string;
  expiresAt: string;
  /** SETTLED, of credits: the actual amount debited. */
  settledAmount?: number;
  eventId?: string;
  endedAt?: string;
  reason?: 'RELEASED' | 'EXPIRED' | 'EVENT_ID_CONFLICT';
}

interface ReserveCommon {
  accountId: string;
  /** The estimated maximum the work will consume (credits of the feature, or money in `currency`). */
  amount: number | string;
  ttlSeconds?: number;
  /** Your idempotency key; the client makes one when absent, so its own retries hold once. */
  id?: string;
}

/** Hold a feature's credits. */
export interface CreditsReserveRequest extends ReserveCommon {
  featureId: string;
  currency?: never;
}

/** Hold money against the account's spend limit (PUT /accounts/{accountId}/spend_limit), in its currency. */
export interface MoneyReserveRequest extends ReserveCommon {
  currency: string;
  featureId?: never;
}

export type ReserveRequest = CreditsReserveRequest | MoneyReserveRequest;

/** An account's spend in the current billing cycle (GET /accounts/{accountId}/spend). */
export interface AccountSpend {
  accountId: string;
  spendLimit: { amount: number; currency: string } | null;
  spent: number;
  held: number;
  pending: number;
  available: number | null;
}

export interface Settlement {
  reservation: Reservation;
  event: { eventId: string; status: 'ACCEPTED' | 'DUPLICATE'; acceptedAt: string };
  balances: FeatureCredits[];
  /** A reservation of money: the account's spend after the settle (the estimate pending until the event is rated). */
  spend?: AccountSpend;
}

/** What the work reports: the usage event it caused (its accountId defaults to the reservation's). */
export type Usage = Omit<MeterlineEvent, 'accountId' | 'timestamp'> & { accountId?: string; timestamp?: string };

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
      reason: DenialReason;
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
  override readonly name: string = 'MeterlineError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A hold or a settle refused for want of credits (403): an answer, not a failure of the call. */
export class NotEntitledError extends MeterlineError {
  override readonly name: string = 'NotEntitledError';
  constructor(
    readonly reason: DenialReason,
    readonly featureId: string,
    readonly available: number,
    message: string,
    readonly balances: FeatureCredits[],
  ) {
    super(403, 'not_entitled', message);
  }
}

/** A hold of money refused by the account's spend limit (403): the figures that say why. */
export class SpendLimitExceededError extends MeterlineError {
  override readonly name: string = 'SpendLimitExceededError';
  constructor(
    readonly details: {
      limit: number;
      currency: string;
      spent: number;
      held: number;
      pending: number;
      available: number;
      requested: number;
    },
    message: string,
  ) {
    super(403, 'spend_limit_exceeded', message);
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
    if (d.entitled) {
      return { entitled: true, eventId: d.eventId, status: d.status!, balances: d.balances };
    }
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
    const response = await this.call(
      'GET',
      `/accounts/${encodeURIComponent(accountId)}/features/${encodeURIComponent(featureId)}`,
    );
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

  /**
   * POST /reservations: holds `amount` of the feature (or throws NotEntitledError), or of money with
   * `currency` (or throws SpendLimitExceededError). Safe to retry with the same `id`.
   */
  async reserve(
    request: ReserveRequest,
  ): Promise<{ reservation: Reservation; balances: FeatureCredits[]; spend?: AccountSpend }> {
    const body = { ...request, id: request.id ?? crypto.randomUUID() };
    const response = await this.call('POST', '/reservations', body, [403]);
    if (response.status === 403) {
      throw await refusal(response);
    }
    return (await response.json()) as { reservation: Reservation; balances: FeatureCredits[]; spend?: AccountSpend };
  }

  /** GET /accounts/{accountId}/spend: the limit, and what is spent, held and pending in the current cycle. */
  async spend(accountId: string): Promise<AccountSpend> {
    const response = await this.call('GET', `/accounts/${encodeURIComponent(accountId)}/spend`);
    return (await response.json()) as AccountSpend;
  }

  /**
   * POST /reservations/{id}/settle: ingests the usage event once and gives back the rest of the
   * hold. Retrying is safe (the same event id: DUPLICATE). Throws NotEntitledError when the usage
   * goes past the hold by more than the credits and overage allowance left.
   */
  async settle(reservationId: string, event: MeterlineEvent): Promise<Settlement> {
    const response = await this.call(
      'POST',
      `/reservations/${encodeURIComponent(reservationId)}/settle`,
      { event },
      [403],
    );
    if (response.status === 403) {
      throw await refusal(response);
    }
    return (await response.json()) as Settlement;
  }

  /** POST /reservations/{id}/release: gives the whole hold back. Safe to repeat. */
  async release(reservationId: string): Promise<Reservation> {
    const response = await this.call('POST', `/reservations/${encodeURIComponent(reservationId)}/release`);
    return ((await response.json()) as { reservation: Reservation }).reservation;
  }

  /**
   * Reserve, do the work, settle: `work` runs only once the hold is granted, and reports the usage
   * event it caused; that event is settled (ingested once) and the rest of the hold given back. If
   * `work` throws, the hold is released and the error rethrown. Safe to retry as a whole with the
   * same `estimate.id`: a repeat finds the same reservation — settled already, it is not run again.
   * With `currency` instead of `featureId` it holds money against the account's spend limit
   * (SpendLimitExceededError when it does not fit); the settlement then carries the account's `spend`.
   */
  async withReservation<T>(
    estimate: ReserveRequest,
    work: (reservation: Reservation) => Promise<{ usage: Usage; result: T }>,
  ): Promise<{ result: T | undefined; settlement: Settlement | null; reservation: Reservation }> {
    const { reservation } = await this.reserve({ ...estimate, id: estimate.id ?? crypto.randomUUID() });
    if (reservation.status !== 'HELD') {
      return { result: undefined, settlement: null, reservation };
    }
    let outcome: { usage: Usage; result: T };
    try {
      outcome = await work(reservation);
    } catch (error) {
      await this.release(reservation.id).catch(() => undefined);
      throw error;
    }
    // The event is built once: each retry of the settle carries the same payload.
    const event: MeterlineEvent = {
      timestamp: new Date().toISOString(),
      accountId: reservation.accountId,
      ...outcome.usage,
    } as MeterlineEvent;
    const settlement = await this.settle(reservation.id, event);
    return { result: outcome.result, settlement, reservation: settlement.reservation };
  }

  private async call(method: string, path: string, body?: unknown, answers: number[] = []): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
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
      if (isAnswer) {
        return response;
      }
      if (response.status === 503 && attempt < this.retries) {
        await response.body?.cancel();
        await backoff(attempt);
        continue;
      }
      throw await toError(response);
    }
  }
}

async function refusal(response: Response): Promise<NotEntitledError | SpendLimitExceededError> {
  const body = (await response.json()) as {
    message: string;
    details:
      | { reason: DenialReason; featureId: string; available: number; balances: FeatureCredits[] }
      | ({ reason: 'SPEND_LIMIT_EXCEEDED' } & SpendLimitExceededError['details']);
  };
  if (body.details.reason === 'SPEND_LIMIT_EXCEEDED') {
    const { reason: _, ...details } = body.details;
    return new SpendLimitExceededError(details, body.message);
  }
  return new NotEntitledError(
    body.details.reason,
    body.details.featureId,
    body.details.available,
    body.message,
    body.details.balances,
  );
}

function isProblem(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
}

async function toError(response: Response): Promise<MeterlineError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as {
      code?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    return new MeterlineError(response.status, problem.code ?? 'unknown', problem.detail ?? text, problem.errors ?? []);
  } catch {
    return new MeterlineError(response.status, 'unknown', text.slice(0, 500));
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt + Math.random() * 50));
}
