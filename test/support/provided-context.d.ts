// What the global setups hand to the suites (vitest's provide/inject).
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The database of the stack's EU tenants. */
    euDatabaseUrl: string;
    wsProxy: string;
    stackUrl: string;
    apiKey: string;
  }
}
export {};
