import { readFileSync } from 'node:fs';
import { expectTogai } from './togai-contract';

/** One operation of Togai's API as its client documents it (togai-operations.json). */
export interface TogaiOperation {
  api: string;
  operation: string;
  method: string;
  path: string;
  summary: string;
  returns: string | null;
  status: number | null;
}

export const togaiOperations: TogaiOperation[] = (
  JSON.parse(readFileSync(new URL('./togai-operations.json', import.meta.url), 'utf8')) as {
    operations: TogaiOperation[];
  }
).operations;

export function togaiOperation(name: string): TogaiOperation {
  const found = togaiOperations.find((o) => o.operation === name);
  if (!found) {
    throw new Error(`Togai has no operation ${name}`);
  }
  return found;
}

/** The operations callTogai checked in this test file's run. */
export const checkedOperations = new Set<string>();

/**
 * Calls a Togai operation on a Meterline stack as Togai's client would — its method, its path with
 * the parameters filled in — and checks the answer is what the client expects: the status code it
 * maps, and a valid instance of the model it reads. Returns the body for the next call.
 */
export async function callTogai(
  base: string,
  key: string,
  name: string,
  request: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: any; text: string }> {
  const op = togaiOperation(name);
  const path = op.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const value = request.params?.[param];
    if (value === undefined) {
      throw new Error(`${name} needs the path parameter ${param}`);
    }
    return encodeURIComponent(value);
  });
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  const response = await fetch(`${base}${path}${query}`, {
    method: op.method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status !== op.status) {
    throw new Error(
      `${name}: ${op.method} ${path} answered ${response.status}, Togai's client expects ${op.status}: ${text.slice(0, 500)}`,
    );
  }
  if (op.returns) {
    expectTogai(op.returns, body);
  }
  checkedOperations.add(name);
  return { status: response.status, body, text };
}
