// What the global setups hand to the suites (vitest's provide/inject).
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    wsProxy: string;
    stackUrl: string;
    apiKey: string;
  }
}
export {};
