export interface paths {
    "/ingest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest one usage event
         * @description Validated against the ACTIVE version of its schema. The id is accepted at most once per tenant for 45 days: a repeat with the same payload answers 202 again with details.status DUPLICATE (safe to retry), with another payload 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IngestEventRequest"];
                };
            };
            responses: {
                /** @description Accepted: stored, and on its way to be metered; or already accepted with this payload (details.status DUPLICATE) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestEventResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ingestBatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest up to 1000 usage events, each judged on its own
         * @description Each event is validated, de-duplicated and accepted on its own, exactly as by /ingest: a batch is never all-or-nothing. 202 when every event was accepted (or was a duplicate); 207 with a result per event otherwise.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IngestBatchEventRequest"];
                };
            };
            responses: {
                /** @description Every event accepted or a duplicate */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestBatchEventResponse"];
                    };
                };
                /** @description Some events were not accepted: see details.events */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestBatchEventResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event_schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List event schemas, by name */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this status. Without it, everything but ARCHIVED. */
                    status?: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of schemas */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchemaListPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an event schema (as DRAFT) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateEventSchemaRequest"];
                };
            };
            responses: {
                /** @description The new DRAFT schema */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event_schema/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event schema, or one of its versions */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The schema */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Togai's delete: archives the schema (nothing is deleted for good) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Archived */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a schema: freely while DRAFT; once published only by adding fields (a new version) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateEventSchemaRequest"];
                };
            };
            responses: {
                /** @description The schema after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/event_schema/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every published version, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchemaVersionsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event_schema/{name}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish (DRAFT → ACTIVE) or reactivate (INACTIVE → ACTIVE) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ACTIVE schema */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event_schema/{name}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** ACTIVE → INACTIVE; refused while ACTIVE meters use it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The INACTIVE schema */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event_schema/{name}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** INACTIVE → ARCHIVED (hidden, kept for good) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ARCHIVED schema */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventSchema"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage_meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List usage meters, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this status. Without it, everything but ARCHIVED. */
                    status?: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
                    /** @description Comma-separated: only meters with one of these aggregations (COUNT, SUM, MAX, MIN, LATEST, UNIQUE_COUNT) */
                    aggregations?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of meters */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeterPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a usage meter (as DRAFT) on an event schema */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUsageMeterRequest"];
                };
            };
            responses: {
                /** @description The new DRAFT meter */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage_meters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a usage meter, optionally with its event schema */
        get: {
            parameters: {
                query?: {
                    /** @description Embed the event schema as `eventSchema` */
                    includeSchema?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The meter */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Togai's delete: archives the meter (nothing is deleted for good) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Archived */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a meter: freely while DRAFT; once activated only name, billableName and description */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateUsageMeterRequest"];
                };
            };
            responses: {
                /** @description The meter after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/usage_meters/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DRAFT or INACTIVE → ACTIVE; its event schema must be ACTIVE and the meter must fit its current version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ACTIVE meter */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage_meters/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** ACTIVE → INACTIVE: new events stop counting */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The INACTIVE meter */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage_meters/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** INACTIVE → ARCHIVED (hidden, kept for good) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ARCHIVED meter */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageMeter"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/features": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List features, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this status. Without it, everything but ARCHIVED. */
                    status?: "ACTIVE" | "ARCHIVED";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of features */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeaturePaginatedListData"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a feature (ACTIVE at once): which event schemas consume it, by an attribute or 1 per event */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateFeatureRequest"];
                };
            };
            responses: {
                /** @description The new ACTIVE feature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Feature"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/features/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a feature */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The feature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Feature"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a feature: the fields given replace the current ones; an ARCHIVED feature cannot change */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateFeatureRequest"];
                };
            };
            responses: {
                /** @description The feature after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Feature"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/features/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** ACTIVE → ARCHIVED: entitles nothing and is consumed by nothing from then on (kept for good; repeats are no-ops) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ARCHIVED feature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Feature"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entitled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest an event only if its account is entitled: checks and debits its credits atomically
         * @description The event is validated as for /ingest, the credits of every feature its schema is associated with are debited — all or none — and only then is the event ingested. A retry with the same event id never debits twice. Needs the `ingest` scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IngestEventRequest"];
                };
            };
            responses: {
                /** @description Entitled: debited, and the event accepted (or already accepted) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntitledEventResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not entitled (`details.reason`): nothing debited, nothing ingested — or the API key lacks the scope (problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntitledEventResponse"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/features/{featureId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's credits for a feature, current to the last debit (`ingest` or `read` scope) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Granted, balance, overage */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetFeatureCreditsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set how far below zero the balance may go (null: not at all) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FeatureOverageRequest"];
                };
            };
            responses: {
                /** @description The credits after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetFeatureCreditsResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/accounts/{accountId}/features/{featureId}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List credit entries, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetFeatureCreditEntriesPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Grant credits: an entry of `granted` units, effective from/until
         * @description Sending the same `id` again is safe: 200 with the entry. Unsettled overage is paid from the new credits first.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GrantFeatureCreditsRequest"];
                };
            };
            responses: {
                /** @description The entry, granted before with this id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeatureCreditEntry"];
                    };
                };
                /** @description The new entry */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeatureCreditEntry"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/features/{featureId}/entries/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Adjust an entry: `granted` (not below what was used) and `effectiveUntil` (in the future) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateFeatureCreditsRequest"];
                };
            };
            responses: {
                /** @description The entry after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeatureCreditEntry"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/accounts/{accountId}/features/{featureId}/entries/{entryId}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an entry: what is left of it is gone, what was used stays used */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Voided (again, for a repeat) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/entitlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's entitlement values (boolean and configuration features) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every value set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetEntitlementValuesResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/entitlements/{featureId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's value for one feature */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The value, as a list of one */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetEntitlementValuesResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set the account's value for a feature (e.g. "true", "10", "gold") */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ValidateEntitlementValueRequest"];
                };
            };
            responses: {
                /** @description The value set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetEntitlementValuesResponseDataInner"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Check a value: entitled when equal, or, for numbers, when the requested value does not exceed the account's */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                    featureId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ValidateEntitlementValueRequest"];
                };
            };
            responses: {
                /** @description `success`: entitled or not */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ValidateEntitlementValueResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold an estimated maximum of a feature's credits, or of money, for an account while work of unknown cost runs
         * @description Decided in one transaction of the account's ledger: held reservations count against the balance, so concurrent ones never together exceed it (nor the overage limit). With `currency` and no `featureId`, money is held against the account's spend limit: limit − spent − held − pending (422 naming `currency` without a limit in that currency). Settle with the actual usage, or release; an unsettled hold is given back at its TTL. `ingest` scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReserveCreditsRequest"];
                };
            };
            responses: {
                /** @description Reserved before with this id (the same request): the reservation as it is now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReservationResponse"];
                    };
                };
                /** @description Held */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReservationResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reservations/{reservationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reservation as it is now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reservationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The reservation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReservationResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reservations/{reservationId}/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Settle with the actual usage: ingest its event exactly once and give back the rest of the hold
         * @description The actual amount is what the event consumes of the reserved feature; above the hold, the excess must fit in the credits and overage allowance left (else 403 and the hold stays). Retrying with the same event is safe: 200 with `DUPLICATE`. Once answered 200 — or 503 after the ledger recorded the settle — the event is ingested exactly once, by the ledger itself if need be.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reservationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SettleReservationRequest"];
                };
            };
            responses: {
                /** @description Settled: debited and the event accepted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettleReservationResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reservations/{reservationId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel: give the whole hold back (again: the same answer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reservationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Released (or expired before) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReservationResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account's spend in the current billing cycle: limit, spent, held, pending, available
         * @description `read` or `ingest` scope.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The spend */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountSpend"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/price_plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List price plans at their latest versions, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this status. Without it, everything but ARCHIVED. */
                    status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of plans */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a price plan (as DRAFT, version 1): each rate card prices a COUNT or SUM usage meter */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreatePricePlanRequest"] | components["schemas"]["TogaiCreatePricePlanRequest"];
                };
            };
            responses: {
                /** @description The new DRAFT plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlan"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/price_plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a price plan at its latest version, or at an earlier one */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlan"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** ACTIVE → ARCHIVED, as Togai archives: takes no new associations; existing ones keep rating (repeats are no-ops) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Archived */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a plan: the fields given replace the current ones. A DRAFT changes in place; a change of an ACTIVE plan's rates publishes a new version (accounts keep the version they were associated with; a new name or description alone makes no version); an ARCHIVED plan cannot change */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdatePricePlanRequest"] | components["schemas"]["TogaiUpdatePricePlanRequest"];
                };
            };
            responses: {
                /** @description The plan after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlan"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/price_plans/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DRAFT → ACTIVE: accounts may be associated with it from then on (its meters and features are checked again; repeats are no-ops) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ActivatePricePlanRequest"];
                };
            };
            responses: {
                /** @description The ACTIVE plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlan"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/price_plans/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** ACTIVE → ARCHIVED: takes no new associations; existing ones keep rating (kept for good; repeats are no-ops) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ARCHIVED plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlan"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/price_plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's plan associations, oldest first (Meterline's shape) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every association of the account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlanAssociationsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Associate (mode ASSOCIATE, the default) an ACTIVE plan, pinning its latest version, or leave the account without one (DISASSOCIATE), from 00:00 UTC of effectiveFrom up to, not including, 00:00 UTC of effectiveUntil. The plan in force at effectiveFrom ends there. A backdated association rates the usage metered since effectiveFrom, once. Refused (409): an association starting inside the period, splitting one, or ending one that already rated usage in the period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdatePricingScheduleRequest"];
                };
            };
            responses: {
                /** @description The account's schedules after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UpdatePricingScheduleResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/edit_schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Several schedule changes, applied in order, all or nothing (errors name `edits.N.field`); `dry_run=true` answers what they would give and changes nothing */
        post: {
            parameters: {
                query?: {
                    dry_run?: "true" | "false";
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EditPricingScheduleRequest"];
                };
            };
            responses: {
                /** @description The account's schedules after the changes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UpdatePricingScheduleResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/pricing_schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's pricing schedules, oldest first; start_date/end_date keep those in force at some instant between them */
        get: {
            parameters: {
                query?: {
                    nextToken?: string;
                    pageSize?: number;
                    start_date?: string;
                    end_date?: string;
                    include_price_plan_info?: "true" | "false";
                    /** @description Accepted; schedules carry no plan details either way */
                    compact?: "true" | "false";
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of schedules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricingSchedulePaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List DRAFT and ACTIVE plans, oldest first, each at its draft if one is being edited, else its latest version */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of plans */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanV2PaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a DRAFT price plan (version 1) with its currencies and pricing cycle; rate cards are added by bulk operations */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreatePricePlanV2Request"];
                };
            };
            responses: {
                /** @description The new DRAFT plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanV2"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a plan at its draft if one is being edited, else its latest version; or at `version` */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanV2"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the description, pricing cycle or currencies. A DRAFT plan changes in place; an ACTIVE one gets (or changes) the draft of its next version. The first supported currency is the one every rate card must price in */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdatePricePlanV2Request"];
                };
            };
            responses: {
                /** @description The plan after the change, at its draft */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanV2"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}/finalize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DRAFT plan → ACTIVE; an ACTIVE plan's draft → its next version (new associations take it; accounts keep theirs). Refused (422) while list_price_plan_errors lists anything; a repeat is a no-op. migrationMode other than NONE is not supported yet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FinalizePricePlanRequest"];
                };
            };
            responses: {
                /** @description Finalized */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Drop an ACTIVE plan's draft, or delete a plan never finalized (it rated nothing) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Discarded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the plan, newest first: its draft, if any, then the published ones */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePlanV2PaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}/rate_cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rate cards of the plan's draft if any, else of its latest version: usage cards, then fixed fees */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of rate cards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateCardPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** CREATE, UPDATE (replace) or DELETE rate cards by name, in order, all or none, on the DRAFT plan or an ACTIVE plan's draft. Answers the rate cards created or updated, as they now are */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkRateCardOperationsRequest"];
                };
            };
            responses: {
                /** @description The rate cards written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BulkRateCardOperationsResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/price_plans/{price_plan_id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What keeps the plan's draft (or latest version) from being finalized: a rate card whose meter or feature is missing, archived or not priceable, or that lacks a rate in one of the supported currencies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    price_plan_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every error, in one page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ValidatedEntityErrorsPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One meter's value over a range, optionally per calendar window of a time zone */
        get: {
            parameters: {
                query: {
                    meterId: string;
                    accountId?: string;
                    from: string;
                    to: string;
                    window?: "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH";
                    /** @description Split the answer by these dimensions, e.g. `region,endpoint` */
                    groupBy?: string;
                    /** @description Only usage whose dimension has this value: `region:eu`. Repeat it: the same dimension twice means either value, different dimensions all must hold */
                    filter?: string | string[];
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The value, and per window when asked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UsageResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Usage and event metrics over time (Togai’s MetricsApi)
         * @description Up to five queries. USAGE answers one series per usage meter (meters aggregate differently, so they are never added together), split further by ACCOUNT_ID when asked; EVENTS counts events by their status in the pipeline. REVENUE sums the revenue of rated events, one series per currency (exact, not rounded). A read: an API key with the read scope may call it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GetMetricsRequest"];
                };
            };
            responses: {
                /** @description One result per query, in order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetMetricsResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue events earned over a range, per currency, optionally per window and split by account, meter or price plan */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    accountId?: string;
                    meterId?: string;
                    /** @description Only revenue rated under this price plan */
                    pricePlanId?: string;
                    window?: "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH";
                    /** @description Split by `accountId`, `meterId` and/or `pricePlanId` (comma-separated); `pricePlanId` is a Meterline extension */
                    groupBy?: string;
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Exact revenue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevenueResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's statement for one billing cycle: the invoice preview */
        get: {
            parameters: {
                query?: {
                    /** @description An instant in the cycle wanted (default: now) */
                    at?: string;
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cycle’s lines and totals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountStatement"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices, in invoice number order */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    /** @description At most 50, as Togai */
                    pageSize?: number;
                    /** @description Every invoice Meterline makes is DUE: another status lists none */
                    status?: "DRAFT" | "DUE" | "PAID" | "VOID" | "UN_COLLECTIBLE" | "REFUND_INITIATED" | "REFUND_COMPLETED" | "MERGED" | "PARTIALLY_PAID";
                    /** @description Only this account’s invoices */
                    ownerId?: string;
                    /** @description Only the invoices of this customer’s accounts */
                    customerId?: string;
                    /** @description Only invoices whose cycle ends after this instant (epoch milliseconds) */
                    startTime?: number | null;
                    /** @description Only invoices whose cycle starts before this instant (epoch milliseconds) */
                    endTime?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of invoices */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListInvoicesResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invoices/{invoice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an invoice, with its lines */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invoice_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The invoice, as frozen */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invoice"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List keys, oldest first (secrets are never shown) */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Also list revoked keys */
                    includeRevoked?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a key; its secret is in this response and never again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApiKeyRequest"];
                };
            };
            responses: {
                /** @description The new key, with its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiKey"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a key (its secret is never shown) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke a key: refused at the edge within 30 s. Revoking again changes nothing */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key, with revokedAt set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event as received and its status through the pipeline
         * @description An event accepted moments ago may not have reached the rater yet: it answers 404 until then (usually a second or two).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The event id (percent-encoded) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event and its status, as the one item of `events` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetEventResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events, newest first (by event timestamp, then id)
         * @description Togai's GetEventsResponse requires at least one event, and Togai's client fails on an empty list; so when nothing matches, the answer is 404 with the code no_events, which the client raises as an API error.
         */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    accountId?: string;
                    schemaName?: string;
                    /** @description Only events with this status (a value of IngestionStatus that Meterline records) */
                    status?: "INGESTION_COMPLETED_EVENT_METERED" | "INGESTION_COMPLETED_NO_MATCHING_METERS" | "INGESTION_FAILED_ENRICHMENT_FAILED" | "INGESTION_FAILED_SCHEMA_NOT_DEFINED" | "INGESTION_FAILED_ACCOUNT_NOT_FOUND" | "INGESTION_FAILED" | "REVERTED";
                    /** @description events at or after this time (the event timestamp); without a zone, UTC */
                    from?: string;
                    /** @description events before this time; without a zone, UTC */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GetEventsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/correction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct an ingested event: UNDO, REDO or REDO_EVENT
         * @description Togai's event correction, synchronous: when it answers, the event's usage (every aggregation), revenue (each cycle re-priced from its usage, tiers included) and status are corrected. UNDO records the event REVERTED; a redelivery of it then changes nothing. A correction retried leaves the same state. An event older than the raw events kept (RAW_EVENT_RETENTION_DAYS) cannot be corrected: 409 raw_events_purged. Needs an admin key.
         */
        post: {
            parameters: {
                query: {
                    /** @description UNDO removes all usage, revenue and credits the event caused and records it REVERTED; REDO undoes it and meters the same event again; REDO_EVENT undoes it and meters the request's payload under the same id */
                    action: "UNDO" | "REDO" | "REDO_EVENT";
                    /** @description Meterline corrects synchronously: only false (or absent) is accepted */
                    requireConfirmation?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventCorrectionRequest"];
                };
            };
            responses: {
                /** @description The event after the correction */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventsCorrectionResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Meter INGESTION_FAILED events again, and send parked messages on (admin)
         * @description Togai has no replay. INGESTION_FAILED events (dead-lettered after every delivery failed, or refused by the database) are metered again, each exactly once; one that fails again stays INGESTION_FAILED with the new reason. Parked messages (GET /parked_messages) are sent on — an event batch metered, a ledger debit or grant sent to the account ledgers — and one that still cannot be is parked again with the new reason. Needs an admin key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplayEventsRequest"];
                };
            };
            responses: {
                /** @description What happened to each replayed event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayEventsResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parked_messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Queue messages parked after every retry failed
         * @description What the queue consumers could not deliver, oldest first; POST /events/replay sends it on.
         */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of parked messages, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ParkedMessagePaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenant_settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s placement and dedup layout */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantSettings"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set the region or jurisdiction, or grow the dedup layout; reaches every edge isolate within 30 s */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateTenantSettingsRequest"];
                };
            };
            responses: {
                /** @description The settings now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantSettings"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists settings, in setting id order */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    entity_type?: "ORGANIZATION" | "CUSTOMER" | "ACCOUNT";
                    entity_id?: string;
                    /** @description The setting’s id (its key), e.g. success_threshold */
                    setting_id?: string;
                    namespace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a setting of the organization, a customer or an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InsertSettingRequest"];
                };
            };
            responses: {
                /** @description The setting */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Setting"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/{settingIdStr}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a setting */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description setting.{namespace}.{id}.{entityType}.{entityId} */
                    settingIdStr: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The setting */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Setting"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a setting’s name, value or data type */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description setting.{namespace}.{id}.{entityType}.{entityId} */
                    settingIdStr: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateSettingRequest"];
                };
            };
            responses: {
                /** @description The setting now (201, as Togai answers) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Setting"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers, oldest first (archived ones too) */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of customers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a customer, and with it an account if `account` is given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCustomerRequest"];
                };
            };
            responses: {
                /** @description The new customer (and account) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateCustomerResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a customer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a customer: it and its accounts become ARCHIVED (kept, ids stay taken; repeats are no-ops) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description {"success": true} */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a customer: the fields given replace the current ones; an ARCHIVED customer cannot change */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateCustomerRequest"];
                };
            };
            responses: {
                /** @description The customer after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts, oldest first (archived ones too); `search` finds them by a prefix of the id or name */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this customer’s accounts */
                    customerId?: string;
                    /** @description Only accounts whose id or name begins with this text, ignoring case */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of accounts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an account of a customer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateAccountRequest"];
                };
            };
            responses: {
                /** @description The new account */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an account, with the aliases in force at `effectiveOn` (default: now) */
        get: {
            parameters: {
                query?: {
                    effectiveOn?: string;
                    /** @description Accepted; Meterline has no invoice groups, so there are none to include */
                    includeGroupDetails?: "true" | "false";
                };
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an account: it becomes ARCHIVED (kept, its id stays taken; repeats are no-ops). Its events, usage and credits stay */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description {"success": true} */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an account: the fields given replace the current ones; an ARCHIVED account cannot change */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateAccountRequest"];
                };
            };
            responses: {
                /** @description The account after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/accounts/{accountId}/add_aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add aliases: `aliases` from -infinity to +infinity, `accountAliases` over a range; an alias names one account at a time */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AddAccountAliasesRequest"];
                };
            };
            responses: {
                /** @description The account with its aliases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/remove_aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End aliases: `aliases` by value, now; `accountAliases` by id, at `from` (default now) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RemoveAccountAliasesRequest"];
                };
            };
            responses: {
                /** @description The account with its aliases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/account_aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every alias the account has had, has or will have */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The aliases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountAliasesPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List credits, by id */
        get: {
            parameters: {
                query?: {
                    nextToken?: string;
                    pageSize?: number;
                    status?: "ACTIVE" | "CONSUMED" | "EXPIRED" | "VOIDED";
                    accountId?: string;
                    id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of credits */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListCreditsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Grant credits to accounts (all or none; idempotent by idempotencyKey) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCreditRequest"];
                };
            };
            responses: {
                /** @description The credits, as granted (or as an earlier request with the same idempotencyKey granted them) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateCreditResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credits/{creditId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A credit and its transactions: granted, paid per cycle, expired or voided */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    creditId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The credit */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditDetailsResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credits/{creditId}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a credit: it pays nothing more and keeps what it paid (a repeat is a no-op) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    creditId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The voided credit */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credit"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/credit_balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's money credits: granted, left after final cycles, left now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The balance */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditBalanceResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/spend_limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the money an account may commit per billing cycle through money reservations
         * @description In the currency of the price plan association in force (else 422 naming `currency`). Money reservations are held against limit − spent − held − pending in the account ledger. `admin` scope.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SpendLimitRequest"];
                };
            };
            responses: {
                /** @description The limit, stored and sent to the account ledger */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpendLimitResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Remove the account's spend limit: money reservations are refused from then on */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpendLimitResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Briefly unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's contacts, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The contacts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerContactList"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a contact to a customer (no portal login: Meterline has no customer portal) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCustomerContactRequest"];
                };
            };
            responses: {
                /** @description The contact */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateCustomerContactResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List registered aliases, by value */
        get: {
            parameters: {
                query?: {
                    nextToken?: string;
                    /** @description Togai's client may send it as a float (10.0) */
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of aliases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AliasPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Register alias values (all or none; a value registered already is a 409 naming it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateBulkAliasRequest"];
                };
            };
            responses: {
                /** @description The registered aliases */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AliasPaginatedResponse"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a registered alias */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The alias */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alias"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a registered alias, unless an account holds it now or later (409) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description {"success": true} */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (e.g. a lifecycle rule) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alerts, in id order */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of alerts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertsPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an alert */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateAlertRequest"];
                };
            };
            responses: {
                /** @description The alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an alert */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an alert (its incidents stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Update an alert (a new version) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateAlertRequest"];
                };
            };
            responses: {
                /** @description The alert now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List incidents (threshold crossings), oldest first, with their webhook deliveries */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                    /** @description Only this alert's incidents */
                    alertId?: string;
                    /** @description Only incidents with a webhook delivery in this state, e.g. DEAD */
                    deliveryStatus?: "PENDING" | "HELD" | "DELIVERED" | "DEAD";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of incidents */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IncidentsPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an incident */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    incident_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The incident */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Incident"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Update an incident status (TRIGGERED, ACKNOWLEDGED, RESOLVED) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    incident_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateIncidentStatusRequest"];
                };
            };
            responses: {
                /** @description The incident now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Incident"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the incident again to each of its endpoints (same webhook-id), with a fresh retry schedule; a delivery being sent is queued behind that attempt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    incident_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The incident, its deliveries PENDING */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Incident"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert_templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alert templates */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The templates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertTemplatesPaginatedResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert_templates/{alert_template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an alert template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_template_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertTemplate"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of endpoints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointsPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a webhook endpoint; its secret is answered this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
                };
            };
            responses: {
                /** @description The endpoint, with its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint: its status, and why and when it was disabled */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint (its pending deliveries end DEAD) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseSuccessResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook_id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled webhook endpoint: its held deliveries are sent from now on a fresh retry schedule, each with its own webhook-id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint, ACTIVE */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint’s delivery log, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description From the previous page; absent for the first page */
                    nextToken?: string;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryLogPaginatedResponse"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook_id}/deliveries/{message_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one message to this endpoint again, now, on a fresh retry schedule and with the same webhook-id (held while the endpoint is disabled); one being sent is queued behind that attempt, not sent beside it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery, PENDING */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryLogEntry"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook_id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a webhook endpoint’s secret: the new one is answered this once; the previous one signs beside it until previousSecretExpiresAt */
        post: {
            parameters: {
                query?: {
                    /** @description Minutes the previous secret still signs beside the new one (0 to 10080, default 1440) */
                    overlapMinutes?: number | null;
                };
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint, with its new secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                    };
                };
                /** @description No API key, or not a valid one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The API key lacks the scope this route needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this tenant */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The input is not valid; `errors` names each field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        IngestEventResponse: {
            success: boolean;
            statusCode: number;
            message: string;
            /** @description Togai's free-form details, filled with what happened to the event */
            details: {
                eventId: string;
                /** @enum {string} */
                status: "ACCEPTED" | "DUPLICATE";
                /** @description When the id was first accepted */
                acceptedAt: string;
            };
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable machine-readable error code */
            code: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        IngestEventRequest: {
            event: components["schemas"]["Event"];
        };
        /**
         * @description A usage event, in Togai's shape. Attribute values are decimal strings (exact).
         * @example {
         *       "id": "req-0001",
         *       "schemaName": "api_calls",
         *       "timestamp": "2026-11-23T10:15:00Z",
         *       "accountId": "acme",
         *       "attributes": [
         *         {
         *           "name": "response_bytes",
         *           "value": "1500.25"
         *         }
         *       ],
         *       "dimensions": {
         *         "region": "eu",
         *         "endpoint": "/v1/things"
         *       }
         *     }
         */
        Event: {
            id?: string;
            schemaName: string;
            /**
             * Format: date-time
             * @description ISO 8601; without a zone it is UTC (as Python writes datetime.utcnow())
             */
            timestamp: string;
            accountId: string;
            /** @default [] */
            attributes?: {
                name: string;
                value: string | number;
                unit?: string;
            }[];
            /** @default {} */
            dimensions?: {
                [key: string]: string;
            };
        };
        /** @description Togai's IngestEventResponse (what Togai's ingestBatch answers), with each event's outcome in details */
        IngestBatchEventResponse: {
            /** @description True when every event was accepted or was a duplicate */
            success: boolean;
            statusCode: number;
            message: string;
            /** @description Togai's free-form details, filled with what happened to each event */
            details: {
                accepted: number;
                duplicates: number;
                rejected: number;
                events: components["schemas"]["BatchEventResult"][];
            };
        };
        BatchEventResult: {
            index: number;
            /** @description Absent only when the event was too malformed to have one */
            id?: string;
            /**
             * @description UNAVAILABLE: the id could not be claimed just now, so the event was not accepted; send it again
             * @enum {string}
             */
            status: "ACCEPTED" | "DUPLICATE" | "CONFLICT" | "INVALID" | "UNAVAILABLE";
            /** @description ACCEPTED, DUPLICATE and CONFLICT: when the id was first accepted */
            acceptedAt?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        IngestBatchEventRequest: {
            events: components["schemas"]["Event"][];
        };
        EventSchema: {
            name: string;
            description?: string;
            /** @default [] */
            attributes?: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions?: {
                name: string;
            }[];
            enrichments?: {
                fields: {
                    name: string;
                    /** @enum {string} */
                    type: "ATTRIBUTE" | "DIMENSION";
                    /** @enum {string} */
                    enrichmentType: "VALUE" | "JSON_LOGIC";
                    value: string;
                    order: number;
                }[];
            };
            eventIdTemplate?: string;
            filterFields?: string[];
            version: number;
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
            createdAt: string;
            updatedAt: string;
        };
        /**
         * @example {
         *       "name": "api_calls",
         *       "description": "One API request served",
         *       "attributes": [
         *         {
         *           "name": "response_bytes",
         *           "defaultUnit": "bytes"
         *         }
         *       ],
         *       "dimensions": [
         *         {
         *           "name": "region"
         *         },
         *         {
         *           "name": "endpoint"
         *         }
         *       ]
         *     }
         */
        CreateEventSchemaRequest: {
            name: string;
            description?: string;
            /** @default [] */
            attributes?: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions?: {
                name: string;
            }[];
            enrichments?: {
                fields: {
                    name: string;
                    /** @enum {string} */
                    type: "ATTRIBUTE" | "DIMENSION";
                    /** @enum {string} */
                    enrichmentType: "VALUE" | "JSON_LOGIC";
                    value: string;
                    order: number;
                }[];
            };
            eventIdTemplate?: string;
            filterFields?: string[];
        };
        EventSchemaListPaginatedResponse: {
            data: components["schemas"]["EventSchemaListData"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        EventSchemaListData: {
            name: string;
            description?: string;
            /** @default [] */
            attributes?: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions?: {
                name: string;
            }[];
            enrichments?: {
                fields: {
                    name: string;
                    /** @enum {string} */
                    type: "ATTRIBUTE" | "DIMENSION";
                    /** @enum {string} */
                    enrichmentType: "VALUE" | "JSON_LOGIC";
                    value: string;
                    order: number;
                }[];
            };
            eventIdTemplate?: string;
            filterFields?: string[];
            version: number;
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
            createdAt: string;
            updatedAt: string;
            usageMetersCount: number;
        };
        UpdateEventSchemaRequest: {
            description?: string;
            attributes?: {
                name: string;
                defaultUnit?: string;
            }[];
            dimensions?: {
                name: string;
            }[];
            enrichments?: {
                fields: {
                    name: string;
                    /** @enum {string} */
                    type: "ATTRIBUTE" | "DIMENSION";
                    /** @enum {string} */
                    enrichmentType: "VALUE" | "JSON_LOGIC";
                    value: string;
                    order: number;
                }[];
            };
            eventIdTemplate?: string;
            filterFields?: string[];
        };
        EventSchemaVersionsResponse: {
            data: components["schemas"]["EventSchema"][];
        };
        BaseSuccessResponse: {
            success: boolean;
        };
        UsageMeter: {
            id: string;
            name: string;
            billableName?: string;
            /** @description billableName, or name when there is none */
            displayName: string;
            description?: string;
            /** @enum {string} */
            type: "COUNTER";
            /**
             * @description COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions
             * @enum {string}
             */
            aggregation: "COUNT" | "SUM" | "MAX" | "MIN" | "LATEST" | "UNIQUE_COUNT";
            eventSchemaName: string;
            /** @description Only with ?includeSchema=true */
            eventSchema?: {
                name: string;
                description?: string;
                /** @default [] */
                attributes?: {
                    name: string;
                    defaultUnit?: string;
                }[];
                /** @default [] */
                dimensions?: {
                    name: string;
                }[];
                enrichments?: {
                    fields: {
                        name: string;
                        /** @enum {string} */
                        type: "ATTRIBUTE" | "DIMENSION";
                        /** @enum {string} */
                        enrichmentType: "VALUE" | "JSON_LOGIC";
                        value: string;
                        order: number;
                    }[];
                };
                eventIdTemplate?: string;
                filterFields?: string[];
                version: number;
                /** @enum {string} */
                status: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
                createdAt: string;
                updatedAt: string;
            };
            filters: {
                field: string;
                value: string;
            }[];
            computations: {
                id?: string;
                matcher?: string;
                computation: string;
                order: number;
            }[];
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "INACTIVE" | "ARCHIVED";
            createdAt: string;
            updatedAt: string;
            lastActivatedAt?: string;
        };
        /**
         * @example {
         *       "name": "card_charge_amount",
         *       "billableName": "Card charges",
         *       "description": "Amount of successful card charges: the 2.9% of \"2.9% + 30¢\"",
         *       "aggregation": "SUM",
         *       "eventSchemaName": "payment",
         *       "filters": [
         *         {
         *           "field": "payment_mode",
         *           "value": "card"
         *         }
         *       ],
         *       "computations": [
         *         {
         *           "matcher": "{\"==\":[{\"var\":\"dimensions.outcome\"},\"succeeded\"]}",
         *           "computation": "{\"var\":\"attributes.transaction_amount\"}",
         *           "order": 1
         *         }
         *       ]
         *     }
         */
        CreateUsageMeterRequest: {
            name: string;
            billableName?: string;
            description?: string;
            /**
             * @default COUNTER
             * @enum {string}
             */
            type?: "COUNTER";
            /**
             * @description COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions
             * @enum {string}
             */
            aggregation: "COUNT" | "SUM" | "MAX" | "MIN" | "LATEST" | "UNIQUE_COUNT";
            eventSchemaName: string;
            /** @default [] */
            filters?: {
                field: string;
                value: string;
            }[];
            /** @default [] */
            computations?: {
                id?: string;
                matcher?: string;
                computation: string;
                order: number;
            }[];
        };
        UsageMeterPaginatedResponse: {
            data: components["schemas"]["UsageMeter"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        /**
         * @example {
         *       "billableName": "Card charges (EU)"
         *     }
         */
        UpdateUsageMeterRequest: {
            name?: string;
            billableName?: string | null;
            description?: string | null;
            eventSchemaName?: string;
            /** @enum {string} */
            type?: "COUNTER";
            /**
             * @description COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions
             * @enum {string}
             */
            aggregation?: "COUNT" | "SUM" | "MAX" | "MIN" | "LATEST" | "UNIQUE_COUNT";
            filters?: {
                field: string;
                value: string;
            }[];
            computations?: {
                id?: string;
                matcher?: string;
                computation: string;
                order: number;
            }[];
        };
        Feature: {
            id: string;
            name: string;
            billableName?: string;
            displayName: string;
            /**
             * @description ACTIVE from creation; ARCHIVED features entitle nothing and are consumed by nothing
             * @enum {string}
             */
            status: "ACTIVE" | "ARCHIVED";
            /** @description Association of a feature with event schemas */
            schemaAssociations: components["schemas"]["EventSchemasForFeature"][];
            createdAt: string;
            updatedAt: string;
        };
        EventSchemasForFeature: {
            schemaName: string;
            /** @description The attribute whose value an event consumes. Togai's model requires the field; an empty string (or, as a Meterline extension, leaving it out) means 1 per event, a count feature such as "API calls". */
            attributeName: string;
        };
        /**
         * @example {
         *       "name": "api_calls",
         *       "billableName": "API calls",
         *       "schemaAssociations": [
         *         {
         *           "schemaName": "api_call"
         *         }
         *       ]
         *     }
         */
        CreateFeatureRequest: {
            name: string;
            billableName?: string;
            schemaAssociations: {
                schemaName: string;
                /** @description The attribute whose value an event consumes. Togai's model requires the field; an empty string (or, as a Meterline extension, leaving it out) means 1 per event, a count feature such as "API calls". */
                attributeName?: string | "";
            }[];
        };
        FeaturePaginatedListData: {
            data: components["schemas"]["FeatureListResponse"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        FeatureListResponse: {
            id: string;
            name: string;
            billableName?: string;
            displayName: string;
            /**
             * @description ACTIVE from creation; ARCHIVED features entitle nothing and are consumed by nothing
             * @enum {string}
             */
            status: "ACTIVE" | "ARCHIVED";
            /** @description The associations themselves */
            schemaAssociations: components["schemas"]["EventSchemasForFeature"][];
            createdAt: string;
            updatedAt: string;
            /** @description How many event schemas are associated with the feature */
            schemaCount: number;
        };
        UpdateFeatureRequest: {
            name?: string;
            billableName?: string;
            schemaAssociations?: {
                schemaName: string;
                /** @description The attribute whose value an event consumes. Togai's model requires the field; an empty string (or, as a Meterline extension, leaving it out) means 1 per event, a count feature such as "API calls". */
                attributeName?: string | "";
            }[];
        };
        /** @description Togai's BaseSuccessResponse (`success`), with Meterline's details */
        EntitledEventResponse: {
            success: boolean;
            statusCode: number;
            message: string;
            /** @description Whether the event was entitled, what became of it, and the balances after the call */
            details: {
                entitled: boolean;
                eventId: string;
                /**
                 * @description Entitled: ACCEPTED, or DUPLICATE when the id was already accepted
                 * @enum {string}
                 */
                status?: "ACCEPTED" | "DUPLICATE";
                acceptedAt?: string;
                /**
                 * @description Not entitled: NO_FEATURE (no ACTIVE feature is consumed by this event schema), NO_GRANT (the account has no live credits and no overage allowance for the feature), INSUFFICIENT_CREDITS (not enough left)
                 * @enum {string}
                 */
                reason?: "NO_FEATURE" | "NO_GRANT" | "INSUFFICIENT_CREDITS";
                /** @description Not entitled: the feature that refused */
                featureId?: string;
                /** @description INSUFFICIENT_CREDITS: what is left, overage allowance included (exact: the JSON text is the decimal) */
                available?: number;
                /** @description The consumed features' credits after this call */
                balances: components["schemas"]["GetFeatureCreditsResponse"][];
            };
        };
        GetFeatureCreditsResponse: {
            accountId: string;
            featureId: string;
            /** @description Sum granted by the entries live now. Exact: the JSON text is the decimal */
            granted: number;
            /** @description What is left of them, less unsettled overage: below zero when in overage. Exact: the JSON text is the decimal */
            balance: number;
            /** @description How far below zero the balance may go; absent: not at all. Exact: the JSON text is the decimal */
            overageLimit?: number;
            /** @description Overage used and not yet settled by a later grant. Exact: the JSON text is the decimal */
            usedOverage: number;
        };
        FeatureOverageRequest: {
            /** @description How far below zero the balance may go (a number, or a decimal string); null: not at all */
            overageLimit: string | number | null;
        };
        GetFeatureCreditEntriesPaginatedResponse: {
            data: components["schemas"]["FeatureCreditEntry"][];
            /** @description Present when there are more entries */
            nextToken?: string;
            /** @description How the page was cut */
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        FeatureCreditEntry: {
            id: string;
            /** @description The feature the entry grants */
            featureId: string;
            /**
             * @description Where the credits come from
             * @enum {string}
             */
            source: "ENTITLEMENT" | "PRICE_PLAN" | "OVERAGE" | "REFUND";
            /**
             * @description ACTIVE: not voided and not past effectiveUntil (it may not be effective yet: see effectiveFrom); EXPIRED: past effectiveUntil; VOIDED: voided
             * @enum {string}
             */
            status: "ACTIVE" | "EXPIRED" | "VOIDED";
            effectiveFrom: string;
            /** @description Exclusive; 9999-12-31T23:59:59Z when the credits never expire */
            effectiveUntil: string;
            /** @description Exact: the JSON text is the decimal */
            granted: number;
            /** @description Exact: the JSON text is the decimal */
            used: number;
            /** @description granted − used while ACTIVE; 0 otherwise. Exact: the JSON text is the decimal */
            balance: number;
        };
        /**
         * @example {
         *       "granted": 10000,
         *       "effectiveUntil": "2026-12-01T00:00:00Z",
         *       "source": "ENTITLEMENT"
         *     }
         */
        GrantFeatureCreditsRequest: {
            /** @description Your id for the entry (at most 50 characters, as Togai's FeatureCreditEntry.id); sending the same id again is safe (200 with the entry). Generated when absent. */
            id?: string;
            /** @description Units granted: a number, or a decimal string */
            granted: string | number;
            /**
             * Format: date-time
             * @description Default: now
             */
            effectiveFrom?: string;
            /**
             * Format: date-time
             * @description Exclusive; absent or 9999-12-31T23:59:59Z: the credits never expire
             */
            effectiveUntil?: string;
            /**
             * @description Where the credits come from (Togai's sources)
             * @default ENTITLEMENT
             * @enum {string}
             */
            source?: "ENTITLEMENT" | "PRICE_PLAN" | "OVERAGE" | "REFUND";
        };
        UpdateFeatureCreditsRequest: {
            /** @description At least what was already used from the entry: a number, or a decimal string */
            granted?: string | number;
            /**
             * Format: date-time
             * @description Must be in the future; 9999-12-31T23:59:59Z: never expires
             */
            effectiveUntil?: string;
        };
        GetEntitlementValuesResponse: {
            data: components["schemas"]["GetEntitlementValuesResponseDataInner"][];
        };
        GetEntitlementValuesResponseDataInner: {
            featureId: string;
            featureName: string;
            value: string;
        };
        ValidateEntitlementValueRequest: {
            value: string;
        };
        ValidateEntitlementValueResponse: {
            /** @description Whether the account's value grants the value asked for */
            success: boolean;
            /** @description The same as success */
            entitled: boolean;
            featureId: string;
            /** @description The account's value, when it has one */
            value?: string;
        };
        ReservationResponse: {
            reservation: components["schemas"]["Reservation"];
            /** @description The feature's credits after the call (none for a reservation of money) */
            balances: components["schemas"]["GetFeatureCreditsResponse"][];
            /** @description A reservation of money: the account's spend after the call */
            spend?: {
                accountId: string;
                /** @description The limit, or null without one */
                spendLimit: {
                    /** @description The limit per billing cycle. Exact: the JSON text is the decimal */
                    amount: number;
                    currency: string;
                } | null;
                /** @description Revenue rated for the account's events in the current billing cycle, in the limit's currency. Exact: the JSON text is the decimal */
                spent: number;
                /** @description Estimates of money reservations still held. Exact: the JSON text is the decimal */
                held: number;
                /** @description Estimates of settled money reservations whose event is not rated yet. Exact: the JSON text is the decimal */
                pending: number;
                /** @description What a money reservation may still hold; null without a limit */
                available: number | null;
            };
        };
        Reservation: {
            /** @description Names the account and your key: the same request gives the same id */
            id: string;
            accountId: string;
            /** @description A reservation of credits: the feature held */
            featureId?: string;
            /** @description A reservation of money: the currency of `amount` */
            currency?: string;
            /** @description What is held (or was). Exact: the JSON text is the decimal */
            amount: number;
            /**
             * @description HELD; SETTLED (the event ingested, the rest given back); RELEASED; EXPIRED (its TTL passed unsettled)
             * @enum {string}
             */
            status: "HELD" | "SETTLED" | "RELEASED" | "EXPIRED";
            createdAt: string;
            expiresAt: string;
            /** @description SETTLED, of credits: the actual amount debited. Exact: the JSON text is the decimal */
            settledAmount?: number;
            /** @description SETTLED: the id of the usage event it ingested */
            eventId?: string;
            endedAt?: string;
            /**
             * @description Why a reservation ended without a settle; EVENT_ID_CONFLICT: the settle event's id belonged to another event, so nothing was debited
             * @enum {string}
             */
            reason?: "RELEASED" | "EXPIRED" | "EVENT_ID_CONFLICT";
        };
        /**
         * @example {
         *       "id": "req-7f3a",
         *       "accountId": "acme",
         *       "featureId": "feat.0f3k9x2m1q7a8b4c",
         *       "amount": 4000,
         *       "ttlSeconds": 120
         *     }
         */
        ReserveCreditsRequest: {
            /** @description Your idempotency key for the reservation, unique per account: sending the same request again is safe (200 with the reservation). Generated when absent — then a retry holds twice. */
            id?: string;
            /**
             * @description The account whose credits (or money) are held
             * @example acme
             */
            accountId: string;
            /** @description The feature whose credits are held. Without it, `currency` is needed: money is held */
            featureId?: string;
            /** @description Holds money instead of credits: `amount` in this currency, against the account's spend limit (PUT /accounts/{accountId}/spend_limit), in its currency */
            currency?: string;
            /** @description The estimated maximum the work will consume: a number, or a decimal string */
            amount: string | number;
            /**
             * @description How long the hold lasts unless settled or released (default 300, at most 3600); then it is given back
             * @default 300
             */
            ttlSeconds?: number;
        };
        SettleReservationResponse: {
            reservation: components["schemas"]["Reservation"];
            event: {
                eventId: string;
                /**
                 * @description ACCEPTED, or DUPLICATE for a retried settle whose event was already accepted
                 * @enum {string}
                 */
                status: "ACCEPTED" | "DUPLICATE";
                acceptedAt: string;
            };
            /** @description The consumed features' credits after the call */
            balances: components["schemas"]["GetFeatureCreditsResponse"][];
            /** @description A reservation of money: the account's spend after the call — the estimate pending until the event is rated */
            spend?: {
                accountId: string;
                /** @description The limit, or null without one */
                spendLimit: {
                    /** @description The limit per billing cycle. Exact: the JSON text is the decimal */
                    amount: number;
                    currency: string;
                } | null;
                /** @description Revenue rated for the account's events in the current billing cycle, in the limit's currency. Exact: the JSON text is the decimal */
                spent: number;
                /** @description Estimates of money reservations still held. Exact: the JSON text is the decimal */
                held: number;
                /** @description Estimates of settled money reservations whose event is not rated yet. Exact: the JSON text is the decimal */
                pending: number;
                /** @description What a money reservation may still hold; null without a limit */
                available: number | null;
            };
        };
        /** @description The usage event the work caused: the reservation's feature consumes its actual amount. Without an `id`, one is derived from the reservation, so a retry claims the same one */
        SettleReservationRequest: {
            event: components["schemas"]["Event"];
        };
        AccountSpend: {
            accountId: string;
            /** @description The limit, or null without one */
            spendLimit: {
                /** @description The limit per billing cycle. Exact: the JSON text is the decimal */
                amount: number;
                currency: string;
            } | null;
            /** @description Revenue rated for the account's events in the current billing cycle, in the limit's currency. Exact: the JSON text is the decimal */
            spent: number;
            /** @description Estimates of money reservations still held. Exact: the JSON text is the decimal */
            held: number;
            /** @description Estimates of settled money reservations whose event is not rated yet. Exact: the JSON text is the decimal */
            pending: number;
            /** @description What a money reservation may still hold; null without a limit */
            available: number | null;
        };
        PricePlan: {
            /** @description ISO 4217 code, e.g. USD */
            currency: string;
            /** @description Every currency the plan prices in, `currency` first (absent: `currency` alone). An account is rated in its invoiceCurrency when the plan supports it, else in `currency`, fixed when the plan is associated; each slab and fee has a rate in every one */
            supportedCurrencies?: string[];
            pricingCycle: components["schemas"]["PricingCycle"];
            /** @default [] */
            usageRateCards?: components["schemas"]["PlanUsageRateCard"][];
            /** @default [] */
            fixedFees?: components["schemas"]["FixedFee"][];
            /** @default [] */
            entitlementRateCards?: components["schemas"]["PlanCreditGrant"][];
            id: string;
            name: string;
            description?: string;
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "ARCHIVED";
            /** @description The version shown: the latest unless `?version` asked for an earlier one. ACTIVE plans gain one per change of rates */
            version: number;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "BILLING";
            /** @description The version shown, as Togai shapes it */
            pricingSchedule: components["schemas"]["PricingSchedule"][];
        };
        PricingCycle: {
            /** @enum {string} */
            interval: "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "ANNUALLY";
            /**
             * @description Cycles start at 00:00 UTC on dayOffset (LAST: the last day) of the months the offset selects
             * @default {
             *       "dayOffset": 1,
             *       "monthOffset": 1
             *     }
             */
            startOffset?: {
                /** @default 1 */
                dayOffset?: number | "LAST";
                /**
                 * @description The month (1-12) a cycle starts in, modulo the interval
                 * @default 1
                 */
                monthOffset?: number;
            };
            /**
             * @description Cycles start on the day of each account's association instead
             * @default false
             */
            anniversaryCycle?: boolean;
            /**
             * @description Days after a cycle ends during which late events still count in it (the statement stays open)
             * @default 0
             */
            gracePeriod?: number;
        };
        PlanUsageRateCard: {
            usageMeterId: string;
            /** @enum {string} */
            pricingModel: "TIERED" | "VOLUME" | "PACKAGE";
            slabs: components["schemas"]["SlabUsage"][];
            /** @description PACKAGE only: units per package */
            packageSize?: string | number;
            /** @description The rate card's name, unique in the plan (Togai's v2 rate card name) */
            name?: string;
            /** @description How the rate card is shown */
            displayName?: string;
            /** @description A tag grouping rate cards */
            tag?: string;
        };
        SlabUsage: {
            /** @description The slab prices usage above this many units */
            startAfter: string | number;
            /** @description Price per unit (PER_UNIT) or for the slab (FLAT), in the plan currency */
            rate: string | number;
            /**
             * @default PER_UNIT
             * @enum {string}
             */
            priceType?: "PER_UNIT" | "FLAT";
            /** @description The slab's rate in each of the plan's other supportedCurrencies (`rate` is in `currency`) */
            currencyRates?: {
                [key: string]: string | number;
            };
        };
        FixedFee: {
            name: string;
            amount: string | number;
            /** @description The fee in each of the plan's other supportedCurrencies (`amount` is in `currency`) */
            currencyAmounts?: {
                [key: string]: string | number;
            };
            /** @description Togai's add-on id the fee bills (FixedFeeRateCard.id) */
            addOnId?: string;
            /** @description How the rate card is shown */
            displayName?: string;
            /** @description A tag grouping rate cards */
            tag?: string;
        };
        /** @description Feature credits granted to each account at the start of each cycle, expiring at its end */
        PlanCreditGrant: {
            featureId: string;
            granted: string | number;
        };
        PricingSchedule: {
            id: string;
            pricePlanDetails: components["schemas"]["PricePlanDetails"];
            /** @description When this version was published (or created, for a DRAFT) */
            startDate: string;
            /** @description When the next version was published; 9999-12-31T23:59:59Z while it is the latest */
            endDate: string;
            version: number;
            isOverriden: boolean;
        };
        PricePlanDetails: {
            supportedCurrencies: string[];
            /** @description Every supported currency once the plan is ACTIVE; none while DRAFT */
            activeCurrencies: string[];
            pricingCycleConfig: components["schemas"]["PricingCycleConfig"];
            usageRateCards: unknown[];
            fixedFeeRateCards: unknown[];
            /** @enum {string} */
            type: "BILLING";
            deferredRevenue: boolean;
        };
        PricingCycleConfig: {
            /** @enum {string} */
            interval: "WEEKLY" | "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "ANNUALLY";
            startOffset?: components["schemas"]["PricingCycleConfigStartOffset"];
            gracePeriod: number;
            anniversaryCycle?: boolean | null;
        };
        PricingCycleConfigStartOffset: {
            /** @description "1"–"31", or LAST */
            dayOffset: string;
            /** @description "1"–"12", FIRST or LAST; "1" for MONTHLY */
            monthOffset?: string | null;
        } | null;
        /**
         * @example {
         *       "name": "card_payments",
         *       "currency": "USD",
         *       "pricingCycle": {
         *         "interval": "MONTHLY"
         *       },
         *       "usageRateCards": [
         *         {
         *           "usageMeterId": "um.amount",
         *           "pricingModel": "TIERED",
         *           "slabs": [
         *             {
         *               "startAfter": "0",
         *               "rate": "0.029"
         *             }
         *           ]
         *         },
         *         {
         *           "usageMeterId": "um.count",
         *           "pricingModel": "TIERED",
         *           "slabs": [
         *             {
         *               "startAfter": "0",
         *               "rate": "0.30"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        CreatePricePlanRequest: {
            /** @description ISO 4217 code, e.g. USD */
            currency: string;
            /** @description Every currency the plan prices in, `currency` first (absent: `currency` alone). An account is rated in its invoiceCurrency when the plan supports it, else in `currency`, fixed when the plan is associated; each slab and fee has a rate in every one */
            supportedCurrencies?: string[];
            pricingCycle: components["schemas"]["PricingCycle"];
            /** @default [] */
            usageRateCards?: components["schemas"]["PlanUsageRateCard"][];
            /** @default [] */
            fixedFees?: components["schemas"]["FixedFee"][];
            /** @default [] */
            entitlementRateCards?: components["schemas"]["PlanCreditGrant"][];
            name: string;
            description?: string;
        };
        /** @description Togai's CreatePricePlanRequest */
        TogaiCreatePricePlanRequest: {
            name: string;
            description?: string | null;
            /** @enum {string|null} */
            type?: "BILLING" | "PURCHASE" | null;
            pricePlanDetails: components["schemas"]["CreatePricePlanDetails"];
            pricingRules?: unknown;
        };
        CreatePricePlanDetails: {
            pricingCycleConfig?: components["schemas"]["PricingCycleConfig"] & (Record<string, never> | null);
            usageRateCards?: components["schemas"]["UsageRateCard"][] | null;
            fixedFeeRateCards?: components["schemas"]["FixedFeeRateCard"][] | null;
            licenseRateCards?: unknown;
            billingEntitlementRateCards?: unknown;
            entitlementOverageRateCards?: unknown;
            creditGrantRateCards?: unknown;
            minimumCommitment?: unknown;
            deferredRevenue?: boolean | null;
            allowOngoingCycleUpdates?: boolean | null;
            supportedCurrencies: string[];
        };
        UsageRateCard: {
            displayName?: string | null;
            name?: string | null;
            tag?: string | null;
            usageMeterId: string;
            ratePlan: components["schemas"]["RatePlan"];
            rateValues: components["schemas"]["RateValue"][];
        };
        RatePlan: {
            pricingModel: components["schemas"]["PricingModel"];
            slabs: components["schemas"]["Slab"][];
        };
        /** @enum {string} */
        PricingModel: "TIERED" | "VOLUME";
        Slab: {
            order: number;
            startAfter: string | number;
            priceType: components["schemas"]["PriceType"];
            /** @description PACKAGE: {"packageSize": "10"} */
            slabConfig?: {
                [key: string]: string;
            } | null;
        };
        /** @enum {string} */
        PriceType: "FLAT" | "PER_UNIT" | "PACKAGE";
        RateValue: {
            currency: string;
            slabRates: components["schemas"]["SlabRate"][];
            rateConfig?: {
                [key: string]: string;
            } | null;
        };
        SlabRate: {
            order: number;
            rate: string | number;
            slabRateConfig?: {
                [key: string]: string;
            } | null;
        };
        FixedFeeRateCard: {
            /** @description The add-on the fee bills */
            id: string;
            displayName?: string | null;
            name?: string | null;
            tag?: string | null;
            invoiceTiming?: components["schemas"]["InvoiceTiming"];
            type?: components["schemas"]["FixedFeeType"];
            rateValues: components["schemas"]["CurrencyRateValue"][];
            enableProration: boolean;
            recurrenceConfig?: components["schemas"]["RecurrenceConfig"];
        };
        /** @enum {string|null} */
        InvoiceTiming: "IN_ADVANCE" | "IN_ARREARS" | "PREPAID" | null;
        /** @enum {string|null} */
        FixedFeeType: "ONE_TIME" | "RECURRING" | null;
        CurrencyRateValue: {
            currency: string;
            rate: string | number;
        };
        RecurrenceConfig: {
            interval?: number | null;
            offset?: number | null;
        } | null;
        PricePlanPaginatedResponse: {
            data: components["schemas"]["PricePlanListData"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        PricePlanListData: {
            /** @description ISO 4217 code, e.g. USD */
            currency: string;
            /** @description Every currency the plan prices in, `currency` first (absent: `currency` alone). An account is rated in its invoiceCurrency when the plan supports it, else in `currency`, fixed when the plan is associated; each slab and fee has a rate in every one */
            supportedCurrencies?: string[];
            pricingCycle: components["schemas"]["PricingCycle"];
            /** @default [] */
            usageRateCards?: components["schemas"]["PlanUsageRateCard"][];
            /** @default [] */
            fixedFees?: components["schemas"]["FixedFee"][];
            /** @default [] */
            entitlementRateCards?: components["schemas"]["PlanCreditGrant"][];
            id: string;
            name: string;
            description?: string;
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "ARCHIVED";
            /** @description The version shown: the latest unless `?version` asked for an earlier one. ACTIVE plans gain one per change of rates */
            version: number;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "BILLING";
            usageMeters: string[];
            pricePlanDetails: components["schemas"]["PricePlanDetails"];
        };
        UpdatePricePlanRequest: {
            name?: string;
            description?: string;
            /** @description ISO 4217 code, e.g. USD */
            currency?: string;
            /** @description As in CreatePricePlanRequest */
            supportedCurrencies?: string[];
            pricingCycle?: components["schemas"]["PricingCycle"];
            usageRateCards?: components["schemas"]["PlanUsageRateCard"][];
            fixedFees?: components["schemas"]["FixedFee"][];
            entitlementRateCards?: components["schemas"]["PlanCreditGrant"][];
        };
        /** @description Togai's UpdatePricePlanRequest */
        TogaiUpdatePricePlanRequest: {
            /** @enum {string|null} */
            migrationMode?: "IMMEDIATE" | "IMMEDIATE_IGNORE_OVERRIDE" | "NEXT_CYCLE" | "NEXT_CYCLE_IGNORE_OVERRIDE" | "NONE" | "START_OF_CURRENT_CYCLE" | null;
            /** @enum {string|null} */
            versionsToMigrate?: "LATEST_VERSION" | "ALL_VERSION" | null;
            description?: string | null;
            pricePlanDetails?: components["schemas"]["CreatePricePlanDetailsOverride"];
            pricingRules?: unknown;
        };
        CreatePricePlanDetailsOverride: {
            pricingCycleConfig?: components["schemas"]["PricingCycleConfig"] & (Record<string, never> | null);
            usageRateCards?: components["schemas"]["UsageRateCard"][] | null;
            fixedFeeRateCards?: components["schemas"]["FixedFeeRateCard"][] | null;
            licenseRateCards?: unknown;
            billingEntitlementRateCards?: unknown;
            entitlementOverageRateCards?: unknown;
            creditGrantRateCards?: unknown;
            minimumCommitment?: unknown;
            deferredRevenue?: boolean | null;
            allowOngoingCycleUpdates?: boolean | null;
            supportedCurrencies?: string[] | null;
        } | null;
        /** @description Meterline activates every supported currency at once: `currencies` must list them all */
        ActivatePricePlanRequest: {
            currencies: string[];
        };
        UpdatePricingScheduleResponse: {
            accountId: string;
            /** @description The account's name; its id when no account was created for it (Meterline meters and rates such ids too) */
            accountName: string;
            /** @description The account's schedules after the change, oldest first */
            pricingSchedules: components["schemas"]["PlanOverride"][];
        };
        PlanOverride: {
            id: string;
            pricePlanId: string;
            pricePlanName: string;
            /** @description From this instant (00:00 UTC of effectiveFrom) */
            startDate: string;
            /** @description Up to, not including, this instant; 9999-01-01T00:00:00Z when open-ended */
            endDate: string;
            /** @description The plan version pinned when associated */
            pricePlanVersion: number;
        };
        UpdatePricingScheduleRequest: {
            /**
             * @description ASSOCIATE (the default): the plan is in force over the period. DISASSOCIATE: no plan is
             * @enum {string|null}
             */
            mode?: "ASSOCIATE" | "DISASSOCIATE" | null;
            /** @description The ACTIVE plan to associate (its latest version is pinned); ASSOCIATE only */
            pricePlanId?: string | null;
            /** @description A date: from 00:00 UTC that day. May be in the past: usage metered since then is rated once the plan is associated */
            effectiveFrom: string;
            /** @description A date: up to, not including, 00:00 UTC that day; 9999-01-01 or later is open-ended. Togai requires it; Meterline reads its absence as open-ended (extension) */
            effectiveUntil?: string | null;
            /** @description Not supported by Meterline: per-account plan overrides; a request that sets it is refused (422) */
            pricePlanDetailsOverride?: unknown;
            /** @description Not supported by Meterline: pricing rules; a request that sets it is refused (422) */
            pricingRulesOverride?: unknown;
            /** @description Not supported by Meterline: retaining the previous plan’s cycle (false is accepted); a request that sets it is refused (422) */
            retainStartOffsets?: unknown;
            /** @description Not supported by Meterline: pre-actions (an empty list is accepted); a request that sets it is refused (422) */
            preActions?: unknown;
        };
        EditPricingScheduleRequest: {
            edits: components["schemas"]["UpdatePricingScheduleRequest"][];
        };
        PricingSchedulePaginatedResponse: {
            data: components["schemas"]["PricingScheduleWithPricePlanId"][];
            /** @description Present when there are more schedules */
            nextToken?: string;
        };
        PricingScheduleWithPricePlanId: {
            id: string;
            pricePlanId: string;
            pricePlanName: string;
            startDate: string;
            endDate: string;
            /** @description The plan version the schedule pinned */
            version: number;
            /** @description Always false: Meterline has no per-account overrides */
            isOverriden: boolean;
            /** @description With includePricePlanInfo=true */
            pricePlanInfo?: {
                name: string;
                description?: string;
            };
        };
        PlanAssociationsResponse: {
            data: components["schemas"]["PlanAssociation"][];
        };
        PlanAssociation: {
            id: string;
            accountId: string;
            pricePlanId: string;
            pricePlanVersion: number;
            effectiveFrom: string;
            effectiveUntil?: string;
        };
        PricePlanV2: {
            name: string;
            description?: string;
            type: components["schemas"]["PricePlanType"];
            pricingCycleConfig?: components["schemas"]["PricingCycleConfig"];
            supportedCurrencies: string[];
            deferredRevenue?: boolean;
            allowOngoingCycleUpdates?: boolean;
            id: string;
            /** @description The plan's id */
            referenceId: string;
            version: number;
            /**
             * @description DRAFT: never finalized, or a version being edited that no account uses yet
             * @enum {string}
             */
            status: "DRAFT" | "ACTIVE";
            createdAt: string;
            updatedAt: string;
        };
        /** @enum {string} */
        PricePlanType: "BILLING" | "PURCHASE";
        /**
         * @example {
         *       "name": "api_calls",
         *       "type": "BILLING",
         *       "supportedCurrencies": [
         *         "USD",
         *         "EUR"
         *       ],
         *       "pricingCycleConfig": {
         *         "interval": "MONTHLY",
         *         "gracePeriod": 3
         *       }
         *     }
         */
        CreatePricePlanV2Request: {
            name: string;
            description?: string | null;
            type: components["schemas"]["PricePlanType"];
            pricingCycleConfig?: components["schemas"]["PricingCycleConfig"] & (Record<string, never> | null);
            supportedCurrencies: string[];
            deferredRevenue?: boolean | null;
            allowOngoingCycleUpdates?: boolean | null;
        };
        PricePlanV2PaginatedResponse: {
            data: components["schemas"]["PricePlanV2"][];
            nextToken?: string;
        };
        UpdatePricePlanV2Request: {
            description?: string | null;
            pricingCycleConfig?: components["schemas"]["PricingCycleConfig"] & (Record<string, never> | null);
            supportedCurrencies?: string[] | null;
        };
        FinalizePricePlanRequest: {
            /** @enum {string|null} */
            migrationMode?: "IMMEDIATE" | "IMMEDIATE_IGNORE_OVERRIDE" | "NEXT_CYCLE" | "NEXT_CYCLE_IGNORE_OVERRIDE" | "NONE" | "START_OF_CURRENT_CYCLE" | null;
            /** @enum {string|null} */
            versionsToMigrate?: "LATEST_VERSION" | "ALL_VERSION" | null;
        };
        RateCardPaginatedResponse: {
            data: components["schemas"]["RateCard"][];
            nextToken?: string;
        };
        RateCard: {
            billableId: string;
            type: components["schemas"]["RateCardType"];
            displayName: string;
            invoiceTiming: components["schemas"]["InvoiceTiming"];
            rateCardDetails: {
                usageRateCard?: unknown;
                fixedFeeRateCard?: unknown;
                billingEntitlementRateCard?: unknown;
            };
            tag?: string;
            name: string;
            /** @description The price plan's id */
            referenceId: string;
            /** @enum {string} */
            referenceType: "PRICE_PLAN";
            currencies: string[];
            pricePlanId: string;
        };
        /** @enum {string} */
        RateCardType: "MINIMUM_COMMITMENT" | "BILLING_ENTITLEMENT" | "CREDIT_GRANT" | "ENTITLEMENT_OVERAGE" | "FIXED_FEE" | "LICENSE" | "USAGE";
        BulkRateCardOperationsResponse: {
            rateCards: components["schemas"]["RateCard"][];
        };
        BulkRateCardOperationsRequest: {
            operations: components["schemas"]["RateCardOperation"][];
        };
        RateCardOperation: {
            /** @enum {string} */
            actionType: "CREATE" | "UPDATE" | "DELETE";
            rateCardName: string;
            rateCard?: components["schemas"]["RateCardData"];
        };
        RateCardData: {
            /** @description USAGE: the usage meter's id; FIXED_FEE: the add-on's id; BILLING_ENTITLEMENT: the feature's id */
            billableId: string;
            type: components["schemas"]["RateCardType"];
            displayName?: string | null;
            invoiceTiming: components["schemas"]["InvoiceTiming"];
            rateCardDetails: components["schemas"]["RateCardDetails"];
            tag?: string | null;
        } | null;
        RateCardDetails: {
            usageRateCard?: components["schemas"]["UsageRateCard"] & (Record<string, never> | null);
            fixedFeeRateCard?: components["schemas"]["FixedFeeRateCard"] & (Record<string, never> | null);
            billingEntitlementRateCard?: components["schemas"]["BillingEntitlementRateCard"];
            creditGrantRateCard?: unknown;
            licenseRateCard?: unknown;
            entitlementOverageRateCard?: unknown;
            minimumCommitmentRateCard?: unknown;
        };
        BillingEntitlementRateCard: {
            featureId: string;
            featureConfigs: components["schemas"]["FeatureConfig"][];
            displayName?: string | null;
            name?: string | null;
            tag?: string | null;
            invoiceTiming: components["schemas"]["InvoiceTiming"];
            ratePlan: components["schemas"]["RatePlan"];
            rateValues: components["schemas"]["RateValue"][];
            recurrenceConfig?: {
                interval?: number | null;
                offset?: number | null;
            } | null;
        } | null;
        FeatureConfig: {
            effectiveFrom?: string | null;
            effectiveUntil: string;
            featureCreditLimit: string | number;
        };
        ValidatedEntityErrorsPaginatedResponse: {
            data: components["schemas"]["ValidatedEntityError"][];
            nextToken?: string;
        };
        ValidatedEntityError: {
            referenceId: string;
            entityId: string;
            entityType: string;
            errorMessage: string;
        };
        UsageResponse: {
            meterId: string;
            /**
             * @description COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions
             * @enum {string}
             */
            aggregation: "COUNT" | "SUM" | "MAX" | "MIN" | "LATEST" | "UNIQUE_COUNT";
            /** @description null: every account */
            accountId: string | null;
            from: string;
            to: string;
            timeZone: string;
            /**
             * @description Over [from, to); null for MAX, MIN and LATEST when no event matched
             * @example 1501.25
             */
            value: string | null;
            /** @enum {string} */
            window?: "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH";
            /** @description Only with `window`: each window that had usage, in order */
            data?: {
                /** @description Start of the window in the query’s time zone, as a UTC instant */
                from: string;
                /**
                 * @description An exact decimal
                 * @example 1501.25
                 */
                value: string | null;
            }[];
            groupBy?: string[];
            /** @description Only with `groupBy`: each group that had usage, in order of its values */
            groups?: {
                /** @description The group: each groupBy dimension’s value, null where its events lack it */
                dimensions: {
                    [key: string]: string | null;
                };
                /**
                 * @description An exact decimal
                 * @example 1501.25
                 */
                value: string | null;
                data?: {
                    from: string;
                    /**
                     * @description An exact decimal
                     * @example 1501.25
                     */
                    value: string | null;
                }[];
            }[];
        };
        GetMetricsResponse: {
            results: {
                id: string;
                /** @enum {string} */
                name: "USAGE" | "EVENTS" | "REVENUE";
                data: {
                    /** @description The series, as Togai names it: the groupBy field and its value; without groupBy, the meter (USAGE_METER_ID) for USAGE and the currency (CURRENCY) for REVENUE; absent for an ungrouped EVENTS series */
                    groupedBy?: {
                        fieldName: string;
                        fieldValue: string;
                    };
                    /** @description Every field that sets this series apart, groupedBy included: USAGE_METER_ID always for USAGE, CURRENCY always for REVENUE, and the groupBy field */
                    seriesKey: components["schemas"]["MetricDataPointsGroupedBy"][];
                    /** @description Start of each period that had data, in the query’s time zone, as UTC instants */
                    timestamps: string[];
                    /** @description One per timestamp; each an exact decimal written as a JSON number */
                    metricValues: number[];
                }[];
            }[];
        };
        MetricDataPointsGroupedBy: {
            fieldName: string;
            fieldValue: string;
        };
        GetMetricsRequest: {
            /**
             * Format: date-time
             * @description Inclusive. Without a zone, UTC. Inside a minute, from the start of that minute (usage is kept per minute)
             */
            startTime: string;
            /**
             * Format: date-time
             * @description Exclusive. Without a zone, UTC. Inside a minute, to the end of that minute (usage is kept per minute)
             */
            endTime: string;
            /**
             * @description The calendar the periods follow (default UTC)
             * @default UTC
             */
            timeZone?: string;
            metricQueries: components["schemas"]["MetricQuery"][];
        };
        MetricQuery: {
            /** @description Your name for this query; its result carries it */
            id: string;
            /**
             * @description USAGE: usage meter values (always one series per meter); EVENTS: events processed; REVENUE: revenue rated, one series per currency
             * @enum {string}
             */
            name: "USAGE" | "EVENTS" | "REVENUE";
            /** @enum {string} */
            aggregationPeriod: "HOUR" | "DAY" | "WEEK" | "MONTH";
            /** @enum {string} */
            groupBy?: "ACCOUNT_ID" | "USAGE_METER_ID" | "EVENT_STATUS";
            filters?: {
                /** @enum {string} */
                fieldName: "ACCOUNT_ID" | "USAGE_METER_ID" | "EVENT_STATUS";
                fieldValues: string[];
            }[];
            /** @description Togai's configurations: REVENUE takes CURRENCY = INVOICE, the currency each account is invoiced (and rated) in, which is how Meterline keeps revenue. BASE, a conversion to the base currency, is refused: Meterline has no exchange rates */
            configs?: {
                [key: string]: string;
            };
        };
        RevenueResponse: {
            from: string;
            to: string;
            timeZone: string;
            /** @enum {string} */
            window?: "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH";
            /** @description One per currency */
            totals: {
                currency: string;
                accountId?: string;
                meterId?: string;
                /** @description With groupBy pricePlanId: the plan that rated this revenue */
                pricePlanId?: string;
                /** @description An exact decimal (not rounded) */
                value: string;
                /** @description Only with `window`: each window that had revenue */
                data?: {
                    from: string;
                    /** @description An exact decimal (not rounded) */
                    value: string;
                }[];
            }[];
            groupBy?: string[];
            /** @description Only with `groupBy`: per currency and group */
            groups?: {
                currency: string;
                accountId?: string;
                meterId?: string;
                /** @description With groupBy pricePlanId: the plan that rated this revenue */
                pricePlanId?: string;
                /** @description An exact decimal (not rounded) */
                value: string;
                /** @description Only with `window`: each window that had revenue */
                data?: {
                    from: string;
                    /** @description An exact decimal (not rounded) */
                    value: string;
                }[];
            }[];
        };
        AccountStatement: {
            accountId: string;
            cycleStart: string;
            cycleEnd: string;
            /**
             * @description OPEN until the cycle end plus the grace period: late events may still change it
             * @enum {string}
             */
            status: "OPEN" | "FINAL";
            plans: {
                pricePlanId: string;
                pricePlanVersion: number;
                associationId: string;
                effectiveFrom: string;
                effectiveUntil?: string;
                currency: string;
                usageLines: {
                    usageMeterId: string;
                    pricingModel: string;
                    /** @description An exact decimal (not rounded) */
                    usage: string;
                    /** @description What each slab priced */
                    slabs: {
                        slab: number;
                        startAfter: string;
                        units: string;
                        rate: string;
                        /** @enum {string} */
                        priceType: "PER_UNIT" | "FLAT";
                        /** @description An exact decimal (not rounded) */
                        amount: string;
                    }[];
                    /** @description An exact decimal (not rounded) */
                    exactAmount: string;
                    /** @description Rounded half to even to the currency minor unit */
                    amount: string;
                }[];
                fixedFees: {
                    name: string;
                    amount: string;
                }[];
                subtotal: string;
            }[];
            /** @description Sums of the rounded lines, per currency */
            totals: {
                currency: string;
                amount: string;
            }[];
        };
        ListInvoicesResponse: {
            data: components["schemas"]["InvoiceSummary"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        InvoiceSummary: {
            id: string;
            customerId?: string;
            /** @description The account */
            ownerId: string;
            /** @description The plan in force at the cycle end */
            pricePlanId?: string;
            /**
             * @description DUE: frozen, its amounts final
             * @enum {string}
             */
            status: "DRAFT" | "DUE" | "PAID" | "VOID" | "UN_COLLECTIBLE" | "REFUND_INITIATED" | "REFUND_COMPLETED" | "MERGED" | "PARTIALLY_PAID";
            /** @enum {string} */
            finalizingStatus: "FINALIZING" | "FINALIZED";
            /** @enum {string} */
            invoiceClass: "INVOICE";
            /** @enum {string} */
            invoiceType: "STANDARD";
            /** @description The billing cycle’s start */
            startDate: string;
            /** @description The billing cycle’s end (exclusive) */
            endDate: string;
            endDateInclusive: string;
            /** @description When the invoice was frozen */
            invoiceDate: string;
            /** @description invoiceDate plus the account’s net term */
            dueDate: string;
            generatedAt: string;
            /** @description The invoiceDate: an invoice never changes */
            updatedAt: string;
            sequenceId: string;
            /** @description In the invoice’s currency (meterline.currency), adjustments included */
            totalAmount: number;
            /** @description An exact decimal, as a JSON number */
            paidAmount: number;
            netTermDays: number;
            /** @description Meterline: the invoice is FINAL (frozen when its cycle’s grace period ended, never changed after), with its totals per currency */
            meterline: {
                /** @enum {string} */
                status: "FINAL";
                /** @description The tenant's invoice number: 1, 2, 3, … without gaps (also `sequenceId`) */
                number: number;
                accountId: string;
                cycleStart: string;
                cycleEnd: string;
                /** @description The currency of totalAmount */
                currency: string;
                /** @description Per currency: the cycle’s lines plus the adjustments */
                totals: {
                    currency: string;
                    /** @description An exact decimal, as a JSON number */
                    amount: number;
                }[];
            };
        };
        Invoice: {
            id: string;
            customerId?: string;
            /** @description The account */
            ownerId: string;
            /** @description The plan in force at the cycle end */
            pricePlanId?: string;
            /**
             * @description DUE: frozen, its amounts final
             * @enum {string}
             */
            status: "DRAFT" | "DUE" | "PAID" | "VOID" | "UN_COLLECTIBLE" | "REFUND_INITIATED" | "REFUND_COMPLETED" | "MERGED" | "PARTIALLY_PAID";
            /** @enum {string} */
            finalizingStatus: "FINALIZING" | "FINALIZED";
            /** @enum {string} */
            invoiceClass: "INVOICE";
            /** @enum {string} */
            invoiceType: "STANDARD";
            /** @description The billing cycle’s start */
            startDate: string;
            /** @description The billing cycle’s end (exclusive) */
            endDate: string;
            endDateInclusive: string;
            /** @description When the invoice was frozen */
            invoiceDate: string;
            /** @description invoiceDate plus the account’s net term */
            dueDate: string;
            generatedAt: string;
            /** @description The invoiceDate: an invoice never changes */
            updatedAt: string;
            sequenceId: string;
            /** @description In the invoice’s currency (meterline.currency), adjustments included */
            totalAmount: number;
            /** @description An exact decimal, as a JSON number */
            paidAmount: number;
            netTermDays: number;
            /** @description Meterline: the invoice is FINAL (frozen when its cycle’s grace period ended, never changed after), with its totals per currency */
            meterline: {
                /** @enum {string} */
                status: "FINAL";
                /** @description The tenant's invoice number: 1, 2, 3, … without gaps (also `sequenceId`) */
                number: number;
                accountId: string;
                cycleStart: string;
                cycleEnd: string;
                /** @description The currency of totalAmount */
                currency: string;
                /** @description Per currency: the cycle’s lines plus the adjustments */
                totals: {
                    currency: string;
                    /** @description An exact decimal, as a JSON number */
                    amount: number;
                }[];
            };
            /** @description A USAGE_METER_USAGE item per usage rate card */
            usageInfo: {
                description: string;
                /** @description Togai's line item types (TOTAL_AMOUNT, USAGE_METER_USAGE, USAGE_RATE_CARD_AMOUNT, USAGE_RATE_CARD_SLAB_AMOUNT, FIXED_FEE_RATE_CARD_AMOUNT) and Meterline's CYCLE_ADJUSTMENT_AMOUNT: the change of an earlier, frozen cycle's statement, billed here */
                type: string;
                /** @description An exact decimal, as a JSON number */
                quantity?: number;
                /** @description An exact decimal, as a JSON number */
                valuePerQuantity?: number;
                /** @description An exact decimal, as a JSON number */
                value: number;
                metadata?: {
                    [key: string]: unknown;
                };
                lineItems: unknown[];
            }[];
            revenueInfo: components["schemas"]["InvoiceLineItem"];
        };
        InvoiceLineItem: {
            description: string;
            /** @description Togai's line item types (TOTAL_AMOUNT, USAGE_METER_USAGE, USAGE_RATE_CARD_AMOUNT, USAGE_RATE_CARD_SLAB_AMOUNT, FIXED_FEE_RATE_CARD_AMOUNT) and Meterline's CYCLE_ADJUSTMENT_AMOUNT: the change of an earlier, frozen cycle's statement, billed here */
            type: string;
            /** @description An exact decimal, as a JSON number */
            quantity?: number;
            /** @description An exact decimal, as a JSON number */
            valuePerQuantity?: number;
            /** @description An exact decimal, as a JSON number */
            value: number;
            metadata?: {
                [key: string]: unknown;
            };
            lineItems: {
                description: string;
                /** @description Togai's line item types (TOTAL_AMOUNT, USAGE_METER_USAGE, USAGE_RATE_CARD_AMOUNT, USAGE_RATE_CARD_SLAB_AMOUNT, FIXED_FEE_RATE_CARD_AMOUNT) and Meterline's CYCLE_ADJUSTMENT_AMOUNT: the change of an earlier, frozen cycle's statement, billed here */
                type: string;
                /** @description An exact decimal, as a JSON number */
                quantity?: number;
                /** @description An exact decimal, as a JSON number */
                valuePerQuantity?: number;
                /** @description An exact decimal, as a JSON number */
                value: number;
                metadata?: {
                    [key: string]: unknown;
                };
                lineItems: {
                    description: string;
                    /** @description Togai's line item types (TOTAL_AMOUNT, USAGE_METER_USAGE, USAGE_RATE_CARD_AMOUNT, USAGE_RATE_CARD_SLAB_AMOUNT, FIXED_FEE_RATE_CARD_AMOUNT) and Meterline's CYCLE_ADJUSTMENT_AMOUNT: the change of an earlier, frozen cycle's statement, billed here */
                    type: string;
                    /** @description An exact decimal, as a JSON number */
                    quantity?: number;
                    /** @description An exact decimal, as a JSON number */
                    valuePerQuantity?: number;
                    /** @description An exact decimal, as a JSON number */
                    value: number;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    lineItems: unknown[];
                }[];
            }[];
        };
        /**
         * @example {
         *       "id": "key_3f9a1c0d7b2e4a61",
         *       "name": "checkout service",
         *       "scopes": [
         *         "ingest"
         *       ],
         *       "keyPrefix": "ml_5d2e",
         *       "createdAt": "2026-03-01T12:00:00.000Z",
         *       "revokedAt": null,
         *       "key": "ml_5d2e000000000000000000000000000000000000000000000000000000000000"
         *     }
         */
        CreatedApiKey: {
            id: string;
            name: string;
            scopes: ("ingest" | "read" | "admin")[];
            /** @description The first characters of the key, to tell keys apart */
            keyPrefix: string;
            createdAt: string;
            /** @description When the key was revoked; null while it works */
            revokedAt: string | null;
            /** @description The secret API key. Shown only in this response: store it now */
            key: string;
        };
        /**
         * @example {
         *       "name": "checkout service",
         *       "scopes": [
         *         "ingest"
         *       ]
         *     }
         */
        CreateApiKeyRequest: {
            name: string;
            /** @description `admin` implies the other two */
            scopes: ("ingest" | "read" | "admin")[];
        };
        ApiKeyPaginatedResponse: {
            data: components["schemas"]["ApiKey"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        /**
         * @example {
         *       "id": "key_3f9a1c0d7b2e4a61",
         *       "name": "checkout service",
         *       "scopes": [
         *         "ingest"
         *       ],
         *       "keyPrefix": "ml_5d2e",
         *       "createdAt": "2026-03-01T12:00:00.000Z",
         *       "revokedAt": null
         *     }
         */
        ApiKey: {
            id: string;
            name: string;
            scopes: ("ingest" | "read" | "admin")[];
            /** @description The first characters of the key, to tell keys apart */
            keyPrefix: string;
            createdAt: string;
            /** @description When the key was revoked; null while it works */
            revokedAt: string | null;
        };
        GetEventResponse: {
            events: components["schemas"]["EventWithStatusAndEventPipelineInfo"][];
        };
        /** @description An event as received and what happened to it: Togai's EventWithStatusAndEventPipelineInfo, with Meterline's extensions */
        EventWithStatusAndEventPipelineInfo: {
            /** @description The event id: Meterline identifies an event by its id alone (unique per tenant) */
            referenceId: string;
            eventPayload: components["schemas"]["EventPayload"];
            ingestionStatus: components["schemas"]["IngestionStatus"];
            /** @description When the edge accepted the event */
            createdAt: string;
            eventPipelineInfo: components["schemas"]["EventPipelineInfo"];
            /** @description the version of the schema the event was validated against */
            schemaVersion: number;
            /** @description fields the schema's enrichments computed onto the event, attributes and dimensions in one list */
            enrichedFields: components["schemas"]["EnrichedField"][];
            /** @description the meters that counted the event, and the value each counted, as an exact decimal string */
            meters: {
                meterId: string;
                /**
                 * @description COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions
                 * @enum {string}
                 */
                aggregation: "COUNT" | "SUM" | "MAX" | "MIN" | "LATEST" | "UNIQUE_COUNT";
                /**
                 * @description An exact decimal
                 * @example 1500.25
                 */
                value: string;
            }[];
            /** @description meters whose formula failed on this event; the event still counts for the others */
            meterFailures?: {
                meterId: string;
                reason: string;
            }[];
            /** @description when the edge accepted the event (as createdAt) */
            acceptedAt: string;
            /** @description when the rater recorded it */
            processedAt: string;
            /** @description the corrections made to the event (POST /events/correction), oldest first */
            corrections?: components["schemas"]["EventCorrectionRecord"][];
        };
        EventPayload: {
            id: string;
            schemaName: string;
            /** @description The event time, normalised to UTC */
            timestamp: string;
            accountId: string;
            attributes: {
                name: string;
                /**
                 * @description An exact decimal
                 * @example 1500.25
                 */
                value: string;
                unit?: string;
            }[];
            dimensions: {
                [key: string]: string;
            };
        };
        IngestionStatus: {
            status: components["schemas"]["EventIngestionStatus"];
            /** @description Why, when the event was not metered as sent (at most 250 characters, as Togai) */
            statusDescription?: string;
            /** @description INGESTION_FAILED_ENRICHMENT_FAILED: the enrichment field whose formula failed */
            field?: string;
        };
        /**
         * @description Togai's IngestionStatus.status. Meterline records seven of them: INGESTION_COMPLETED_EVENT_METERED (counted by at least one meter), INGESTION_COMPLETED_NO_MATCHING_METERS (no ACTIVE meter of its schema matched it), INGESTION_FAILED_ENRICHMENT_FAILED (an enrichment formula failed on its data), INGESTION_FAILED_SCHEMA_NOT_DEFINED (its schema was gone when it was rated), INGESTION_FAILED_ACCOUNT_NOT_FOUND (no account of that id, when the tenant setting unknownAccounts is FAIL; POST /events/replay with its id meters it once the account exists) and INGESTION_FAILED (the rater could not process it; POST /events/replay meters it again) and REVERTED (undone by POST /events/correction; it counts for nothing). The edge refuses past-grace, duplicate and uncredited events before they exist, and an event still in flight is not listed yet.
         * @enum {string}
         */
        EventIngestionStatus: "INGESTION_IN_PROGRESS" | "INGESTION_FAILED" | "INGESTION_FAILED_SCHEMA_NOT_DEFINED" | "INGESTION_FAILED_ENRICHMENT_FAILED" | "INGESTION_FAILED_UNITS_INVALID" | "INGESTION_COMPLETED_NO_MATCHING_METERS" | "INGESTION_COMPLETED_EVENT_METERED" | "INGESTION_COMPLETED_EVENT_NOT_METERED" | "INGESTION_FAILED_PAST_GRACE_PERIOD" | "INGESTION_FAILED_ACCOUNT_NOT_FOUND" | "INGESTION_FAILED_DUPLICATE_EVENT" | "INGESTION_FAILED_NO_EVENT_ID" | "INGESTION_FAILED_INVALID_NAMED_LICENSE_EVENT" | "INGESTION_FAILED_INSUFFICIENT_CREDITS" | "REVERTED" | "UNKNOWN";
        EventPipelineInfo: {
            /** @description The schema version the event was validated against */
            eventSchema: {
                name: string;
                version: number;
            };
            /** @description The meters that counted the event */
            usageMeters: {
                id: string;
                name: string;
                /** @description Meterline meters are changed in place, not versioned: always 1 */
                version: number;
                /**
                 * @description Meterline lists the meters that counted the event (PROCESSED_UNITS_COMPUTED); it keeps no record of those that did not
                 * @enum {string}
                 */
                status: "PROCESSED_FILTERED_OUT" | "PROCESSED_UNITS_COMPUTED";
                /** @description The value the meter counted, as an exact decimal number; absent for UNIQUE_COUNT meters */
                units?: number;
            }[];
            /** @description Fields the schema's enrichments computed onto the event */
            enrichments: {
                attributes: components["schemas"]["EnrichedField"][];
                dimensions: components["schemas"]["EnrichedField"][];
            };
        };
        EnrichedField: {
            name: string;
            /** @enum {string} */
            type: "ATTRIBUTE" | "DIMENSION";
            value: string;
        };
        /** @description one correction made to an event */
        EventCorrectionRecord: {
            /** @enum {string} */
            action: "UNDO" | "REDO" | "REDO_EVENT";
            /** @description When the correction was made */
            at: string;
            /** @description The event's status (Meterline's name) before it */
            from: string;
        };
        GetEventsResponse: {
            /** @description At least one, as Togai's model requires: a page with none is a 404 (no_events) */
            events: components["schemas"]["EventWithStatusAndEventPipelineInfo"][];
            /** @description Present when there are more events */
            nextToken?: string;
        };
        EventsCorrectionResponse: {
            data: components["schemas"]["EventCorrectionInfo"][];
        };
        EventCorrectionInfo: {
            referenceId: string;
            eventPayload: {
                id: string;
                schemaName: string;
                timestamp: string;
                accountId: string;
                attributes: {
                    name: string;
                    value: string;
                    unit?: string;
                }[];
                dimensions: {
                    [key: string]: string;
                };
            };
            ingestionStatus: {
                status: string;
                statusDescription?: string;
            };
            createdAt: string;
            /**
             * @description Togai's values: REVERTED after an UNDO (also when the event was REVERTED already: `reason` says nothing changed), REVERTED_AND_REINGESTED after a REDO or REDO_EVENT. Meterline corrects synchronously: a correction that fails answers with a problem, not FAILED
             * @enum {string}
             */
            status: "REVERTED" | "REVERTED_AND_REINGESTED" | "FAILED";
            /** @description What the correction did: the status before and after, or that nothing changed */
            reason: string;
        };
        /** @description Event Correction Payload for event correction (Togai's model) */
        EventCorrectionRequest: {
            /**
             * @description A usage event, in Togai's shape. Attribute values are decimal strings (exact).
             * @example {
             *       "id": "req-0001",
             *       "schemaName": "api_calls",
             *       "timestamp": "2026-11-23T10:15:00Z",
             *       "accountId": "acme",
             *       "attributes": [
             *         {
             *           "name": "response_bytes",
             *           "value": "1500.25"
             *         }
             *       ],
             *       "dimensions": {
             *         "region": "eu",
             *         "endpoint": "/v1/things"
             *       }
             *     }
             */
            event: {
                id?: string;
                schemaName: string;
                /**
                 * Format: date-time
                 * @description ISO 8601; without a zone it is UTC (as Python writes datetime.utcnow())
                 */
                timestamp: string;
                accountId: string;
                /** @default [] */
                attributes?: {
                    name: string;
                    value: string | number;
                    unit?: string;
                }[];
                /** @default {} */
                dimensions?: {
                    [key: string]: string;
                };
            };
        };
        ReplayEventsResponse: {
            replayed: number;
            events: {
                id: string;
                /** @enum {string} */
                status: "INGESTION_COMPLETED_EVENT_METERED" | "INGESTION_COMPLETED_NO_MATCHING_METERS" | "INGESTION_FAILED_ENRICHMENT_FAILED" | "INGESTION_FAILED_SCHEMA_NOT_DEFINED" | "INGESTION_FAILED_ACCOUNT_NOT_FOUND" | "INGESTION_FAILED" | "REVERTED";
                reason?: string;
            }[];
            /** @description what became of each parked message; PARKED ones are parked again with the reason */
            parkedMessages: {
                id: string;
                /**
                 * @description The queue the message was parked from
                 * @example meterline-ledger
                 */
                queue: string;
                /** @enum {string} */
                status: "REPLAYED" | "PARKED";
                reason?: string;
            }[];
        };
        ReplayEventsRequest: {
            /** @description These INGESTION_FAILED or INGESTION_FAILED_ACCOUNT_NOT_FOUND events (others are ignored) */
            eventIds?: string[];
            /** @description these parked messages (GET /parked_messages) */
            parkedMessageIds?: string[];
            /**
             * @description Without eventIds or parkedMessageIds: the oldest INGESTION_FAILED events, and the oldest parked messages, this many of each
             * @default 100
             */
            limit?: number;
        };
        ParkedMessagePaginatedResponse: {
            data: components["schemas"]["ParkedMessage"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        /** @description a queue message a consumer could not deliver after every retry (an event batch, a ledger debit or grant), or could not read. Parked in Postgres, never dropped; POST /events/replay sends it on. */
        ParkedMessage: {
            id: string;
            /**
             * @description The queue the message was parked from
             * @example meterline-ledger
             */
            queue: string;
            /** @description The message as the queue delivered it */
            body?: unknown;
            /** @description Why it is parked: malformed, or not delivered after every retry */
            reason: string;
            parkedAt: string;
        };
        TenantSettings: {
            tenantId: string;
            /**
             * @description Location hint for the tenant’s Durable Objects; null: near the first caller
             * @enum {string|null}
             */
            region: "wnam" | "enam" | "sam" | "weur" | "eeur" | "apac" | "oc" | "afr" | "me" | null;
            /**
             * @description Data stays inside it; null: anywhere
             * @enum {string|null}
             */
            jurisdiction: "eu" | "fedramp" | null;
            /** @description DedupShards new event ids are claimed in */
            dedupShards: number;
            /** @description Every layout generation, oldest first; older ones are asked about ids until theirs expire */
            dedupGenerations: {
                shards: number;
                since: string;
            }[];
            /**
             * @description Events whose accountId names no account (POST /accounts): METER them (the default) or FAIL them as Togai does, with the status INGESTION_FAILED_ACCOUNT_NOT_FOUND (POST /events/replay meters them once the account exists). Applies to events the rater meters from then on.
             * @enum {string}
             */
            unknownAccounts: "METER" | "FAIL";
        };
        UpdateTenantSettingsRequest: {
            /** @enum {string|null} */
            region?: "wnam" | "enam" | "sam" | "weur" | "eeur" | "apac" | "oc" | "afr" | "me" | null;
            /**
             * @description Settable only while the tenant has no configuration — event schemas, meters, features, price plans, customers — and only to a jurisdiction the deployment has a database for
             * @enum {string|null}
             */
            jurisdiction?: "eu" | "fedramp" | null;
            /** @description Grow the dedup layout to this many shards: a multiple of today’s count */
            dedupShards?: number;
            /**
             * @description Events whose accountId names no account (POST /accounts): METER them (the default) or FAIL them as Togai does, with the status INGESTION_FAILED_ACCOUNT_NOT_FOUND (POST /events/replay meters them once the account exists). Applies to events the rater meters from then on.
             * @enum {string}
             */
            unknownAccounts?: "METER" | "FAIL";
        };
        SettingPaginatedResponse: {
            data: components["schemas"]["Setting"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        /** @description Represents a setting */
        Setting: {
            /** @description The setting’s key, e.g. success_threshold */
            id: string;
            value: string;
            /** @description ORGANIZATION, CUSTOMER or ACCOUNT */
            entityType: string;
            entityId: string;
            /** @description e.g. USER */
            namespace: string;
            name: string;
            dataType: components["schemas"]["SettingDataType"];
        };
        /** @enum {string} */
        SettingDataType: "STRING" | "NUMERIC" | "JSON" | "JSON_LOGIC";
        /** @description Togai's Setting, as sent to create one */
        InsertSettingRequest: {
            /** @description The setting’s key, e.g. success_threshold */
            id: string;
            value: string;
            /** @enum {string} */
            entityType: "ORGANIZATION" | "CUSTOMER" | "ACCOUNT";
            entityId: string;
            /** @description e.g. USER */
            namespace: string;
            name: string;
            dataType: components["schemas"]["SettingDataType"];
        };
        /** @description Update Settings */
        UpdateSettingRequest: {
            name?: string;
            value?: string;
            dataType?: components["schemas"]["SettingDataType"];
        };
        CreateCustomerResponse: {
            id: string;
            togaiCustomerId: string;
            name: string;
            primaryEmail: string;
            billingAddress?: string;
            address?: components["schemas"]["Address"];
            settings?: components["schemas"]["CreateEntitySetting"][];
            account?: components["schemas"]["Account"];
        };
        Address: {
            phoneNumber?: string;
            line1?: string;
            line2?: string;
            postalCode?: string;
            city?: string;
            state?: string;
            country?: string;
        };
        CreateEntitySetting: {
            id: string;
            value: string;
            namespace: string;
            name: string;
            /** @enum {string} */
            dataType: "STRING" | "NUMERIC" | "JSON" | "JSON_LOGIC";
        };
        Account: {
            id: string;
            togaiAccountId: string;
            togaiCustomerId: string;
            name: string;
            customerId: string;
            invoiceCurrency?: string;
            aliases?: components["schemas"]["AccountAliases"][];
            netTermDays?: number;
            address?: components["schemas"]["Address"];
            primaryEmail?: string;
            billingInformation?: components["schemas"]["AccountsBillingInformation"];
            /** @enum {string} */
            status: "ACTIVE" | "DRAFT" | "ARCHIVED";
            settings?: components["schemas"]["CreateEntitySetting"][];
            metadata?: {
                [key: string]: string;
            };
            tags?: string[];
        };
        AccountAliases: {
            alias: string;
        };
        AccountsBillingInformation: {
            emailRecipients?: string[];
            additionalEmailRecipients?: string[];
        };
        CreateCustomerRequest: {
            id: string;
            name: string;
            primaryEmail: string;
            address: components["schemas"]["Address"];
            settings?: components["schemas"]["CreateEntitySetting"][];
            /** @description An account created with the customer, in one step */
            account?: {
                id: string;
                name: string;
                invoiceCurrency?: string;
                aliases?: string[];
                accountAliases?: components["schemas"]["CreateAccountAliasRequest"][];
                address?: components["schemas"]["Address"];
                primaryEmail?: string;
                billingInformation?: components["schemas"]["AccountsBillingInformation"];
                settings?: components["schemas"]["CreateEntitySetting"][];
                netTermDays?: number;
                metadata?: {
                    [key: string]: string;
                };
                tags?: string[];
                /**
                 * @description Absent: ACTIVE
                 * @enum {string}
                 */
                status?: "ACTIVE" | "DRAFT";
            };
        };
        CreateAccountAliasRequest: {
            value: string;
            /**
             * Format: date-time
             * @description Absent: -infinity
             */
            effectiveFrom?: string;
            /**
             * Format: date-time
             * @description Absent: +infinity
             */
            effectiveUntil?: string;
        };
        CustomerPaginatedResponse: {
            data: components["schemas"]["Customer"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        Customer: {
            id: string;
            togaiCustomerId: string;
            name: string;
            primaryEmail: string;
            /** @description The address on one line */
            billingAddress: string;
            address: components["schemas"]["Address"];
            /** @enum {string} */
            status: "ACTIVE" | "ARCHIVED";
            createdAt: string;
            updatedAt: string;
        };
        UpdateCustomerRequest: {
            name?: string;
            primaryEmail?: string;
            address?: components["schemas"]["Address"];
        };
        CreateAccountRequest: {
            id: string;
            name: string;
            invoiceCurrency?: string;
            aliases?: string[];
            accountAliases?: components["schemas"]["CreateAccountAliasRequest"][];
            address?: components["schemas"]["Address"];
            primaryEmail?: string;
            billingInformation?: components["schemas"]["AccountsBillingInformation"];
            settings?: components["schemas"]["CreateEntitySetting"][];
            netTermDays?: number;
            metadata?: {
                [key: string]: string;
            };
            tags?: string[];
            /**
             * @description Absent: ACTIVE
             * @enum {string}
             */
            status?: "ACTIVE" | "DRAFT";
            customerId: string;
        };
        AccountPaginatedResponse: {
            data: components["schemas"]["Account"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        UpdateAccountRequest: {
            name?: string;
            /** @enum {string} */
            status?: "ACTIVE" | "DRAFT";
            invoiceCurrency?: string;
            netTermDays?: number;
            primaryEmail?: string;
            billingInformation?: components["schemas"]["AccountsBillingInformation"];
            address?: components["schemas"]["Address"];
            /** @description Replaces the metadata; {} removes it all */
            metadata?: {
                [key: string]: string;
            };
            tags?: string[];
        };
        AddAccountAliasesRequest: {
            aliases?: string[];
            accountAliases?: components["schemas"]["CreateAccountAliasRequest"][];
        };
        RemoveAccountAliasesRequest: {
            /** @description Values: each ends now */
            aliases?: string[];
            accountAliases?: components["schemas"]["RemoveAccountAliasRequest"][];
        };
        RemoveAccountAliasRequest: {
            id: string;
            /**
             * Format: date-time
             * @description The alias ends here; absent: now
             */
            from?: string;
        };
        AccountAliasesPaginatedResponse: {
            data: components["schemas"]["AccountAlias"][];
            nextToken?: string;
        };
        AccountAlias: {
            id: string;
            value: string;
            effectiveFrom: string;
            effectiveUntil: string;
            createdAt: string;
            updatedAt?: string;
        };
        CreateCreditResponse: {
            credits: components["schemas"]["Credit"][];
        };
        Credit: {
            id: string;
            accountId: string;
            customerId: string;
            purpose: string;
            applicableEntityIds?: string[];
            effectiveFrom: string;
            effectiveUntil?: string;
            creditAmount: number;
            priority: number;
            grantorId?: string;
            idempotencyKey?: string;
            /** @enum {string} */
            status: "ACTIVE" | "CONSUMED" | "EXPIRED" | "VOIDED";
            /** @description The currency: the account's invoiceCurrency when the credit was granted */
            creditUnit: string;
            /** @description Taken by the open cycle (its statement is not final yet) */
            holdAmount: number;
            /** @description Taken by final cycles */
            consumedAmount: number;
            /** @description What is left: creditAmount − consumedAmount − holdAmount */
            balance: number;
            createdAt: string;
            updatedAt?: string;
        };
        CreateCreditRequest: {
            /** @description Granted together: all or none */
            creditRequests: components["schemas"]["CreditRequest"][];
        };
        CreditRequest: {
            /** @description An account created with POST /accounts (its customer owns the credit) */
            accountId: string;
            purpose: string;
            /** @description What the credit pays: null or empty, everything; ALL_USAGE_METER_RATE_CARDS, usage charges; ALL_FIXED_FEE_RATE_CARDS, fixed fees. Meterline does not yet take the ids of single rate cards. */
            applicableEntityIds?: ("ALL_USAGE_METER_RATE_CARDS" | "ALL_FIXED_FEE_RATE_CARDS")[] | null;
            /**
             * Format: date
             * @description The first day (UTC) the credit pays for
             */
            effectiveFrom: string;
            /**
             * Format: date
             * @description The last day (UTC, inclusive) it pays for; absent: never expires
             */
            effectiveUntil?: string | null;
            /** @description The money granted, in the account's invoice currency (Togai's model lets it be absent; Meterline needs it) */
            creditAmount: string | number;
            /** @description Lower is used first; among equal priorities, the credit that expires first */
            priority: number;
            grantorId?: string | null;
            /** @description Sending the same key again answers the credit it made, changing nothing (another request under it: 409) */
            idempotencyKey?: string | null;
        };
        ListCreditsResponse: {
            data: components["schemas"]["Credit"][];
            nextToken?: string;
        };
        CreditDetailsResponse: {
            id: string;
            accountId: string;
            customerId: string;
            purpose: string;
            applicableEntityIds?: string[];
            effectiveFrom: string;
            effectiveUntil?: string;
            creditAmount: number;
            priority: number;
            grantorId?: string;
            idempotencyKey?: string;
            /** @enum {string} */
            status: "ACTIVE" | "CONSUMED" | "EXPIRED" | "VOIDED";
            /** @description The currency: the account's invoiceCurrency when the credit was granted */
            creditUnit: string;
            /** @description Taken by the open cycle (its statement is not final yet) */
            holdAmount: number;
            /** @description Taken by final cycles */
            consumedAmount: number;
            /** @description What is left: creditAmount − consumedAmount − holdAmount */
            balance: number;
            createdAt: string;
            updatedAt?: string;
            transactions: components["schemas"]["CreditTransaction"][];
        };
        CreditTransaction: {
            id: string;
            creditId: string;
            /** @enum {string} */
            transactionType: "CREDITED" | "DEBITED" | "EXPIRED" | "VOIDED";
            /** @description DEBITED: the cycle that took it, as its start instant */
            entityId?: string;
            amount: number;
            /** @description CREDITED, VOIDED: when it happened; DEBITED: the end of the cycle (or now for the open one); EXPIRED: the end of the last day */
            createdAt: string;
        };
        CreditBalanceResponse: {
            /** @description Granted by the credits in effect today (not voided, consumed or expired) */
            activeCredits: number;
            /** @description What those have left after the final cycles */
            availableBalance: number;
            /** @description What they have left after the open cycle too: availableBalance − its holds */
            runningBalance: number;
            /** @description Granted by credits not in effect yet (effectiveFrom after today) */
            inapplicableCredits: number;
            unit: string;
            lastUpdatedAt: string;
        };
        SpendLimitResponse: {
            accountId: string;
            /** @description The limit, or null once removed */
            spendLimit: {
                /** @description The limit per billing cycle. Exact: the JSON text is the decimal */
                amount: number;
                currency: string;
            } | null;
        };
        /**
         * @example {
         *       "amount": 500,
         *       "currency": "USD"
         *     }
         */
        SpendLimitRequest: {
            /** @description What the account may be committed to per billing cycle: a number, or a decimal string */
            amount: string | number;
            /** @description The currency the account is rated in: its price plan association’s */
            currency: string;
        };
        CreateCustomerContactResponse: {
            username: string;
            preferredUsername?: string;
            name: string;
            email?: string;
            phone?: string;
            loginAccess: boolean;
            createdAt: string;
            verified: boolean;
            /** @description The customer the contact belongs to */
            customerId: string;
        };
        CreateCustomerContactRequest: {
            /** @description The username, unique per tenant; generated when absent */
            preferredUsername?: string | null;
            name: string;
            /** Format: email */
            email: string;
            phone?: string | null;
            /** @description Meterline has no customer portal: contacts have no password */
            password?: null;
            /** @description Meterline verifies nothing: false whatever is sent */
            verified?: boolean | null;
            /**
             * @description Meterline has no customer portal: false (or absent) only
             * @enum {boolean|null}
             */
            loginAccess?: false | null;
        };
        CustomerContactList: {
            data: components["schemas"]["CreateCustomerContactResponse"][];
        };
        AliasPaginatedResponse: {
            data: components["schemas"]["Alias"][];
            /** @description Present when there are more aliases */
            nextToken?: string;
        };
        Alias: {
            value: string;
            createdAt: string;
        };
        CreateBulkAliasRequest: {
            aliases: components["schemas"]["CreateAliasRequest"][];
        };
        CreateAliasRequest: {
            value: string;
        };
        Alert: {
            id: string;
            version: number;
            description?: string;
            status: components["schemas"]["AlertStatus"];
            validity?: number;
            alertTemplateId: string;
            interval: number;
            entityDetails?: {
                [key: string]: unknown;
            };
            ownerDetails?: {
                [key: string]: unknown;
            };
            parameters?: {
                [key: string]: unknown;
            };
            createdAt: string;
            updatedAt?: string;
        };
        /** @enum {string} */
        AlertStatus: "ACTIVE" | "INACTIVE";
        CreateAlertRequest: {
            /** @enum {string} */
            alertTemplateId: "USAGE_THRESHOLD" | "REVENUE_THRESHOLD" | "BALANCE_THRESHOLD";
            /** @description Echoed; Meterline detects crossings in real time */
            interval: number;
            /** @description Minutes the alert stays valid; absent or null: forever */
            validity?: number | null;
            description?: string;
            entityDetails: {
                /** @description USAGE_THRESHOLD: the meter watched */
                usageMeter?: {
                    id: string;
                };
                /** @description REVENUE_THRESHOLD: the currency of the revenue watched */
                currency?: {
                    /** @description ISO 4217 code, e.g. USD */
                    id: string;
                };
                /** @description BALANCE_THRESHOLD: the feature whose credit balance is watched */
                feature?: {
                    id: string;
                };
            };
            /** @description One account; absent: all accounts */
            ownerDetails?: {
                account: {
                    id: string;
                };
            };
            parameters: {
                threshold: {
                    /**
                     * @default ABSOLUTE
                     * @enum {string}
                     */
                    type?: "ABSOLUTE" | "PERCENTAGE";
                    values: (string | number)[];
                    /** @description What PERCENTAGE values are a percentage of */
                    limit?: string | number;
                };
            };
            status: components["schemas"]["AlertStatus"];
        };
        AlertsPaginatedResponse: {
            data: components["schemas"]["Alert"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        UpdateAlertRequest: {
            description?: string;
            status?: components["schemas"]["AlertStatus"];
            interval?: number;
            validity?: number | null;
            parameters?: {
                threshold: {
                    /**
                     * @default ABSOLUTE
                     * @enum {string}
                     */
                    type?: "ABSOLUTE" | "PERCENTAGE";
                    values: (string | number)[];
                    /** @description What PERCENTAGE values are a percentage of */
                    limit?: string | number;
                };
            };
        };
        IncidentsPaginatedResponse: {
            data: components["schemas"]["Incident"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        Incident: {
            id: string;
            alertId: string;
            alertVersion: number;
            alertTemplateId: string;
            reportData?: {
                account: {
                    id: string;
                };
                /** @description USAGE_THRESHOLD: the meter */
                usageMeter?: {
                    id: string;
                };
                /** @description REVENUE_THRESHOLD: the currency */
                currency?: {
                    id: string;
                };
                /** @description BALANCE_THRESHOLD: the feature */
                feature?: {
                    id: string;
                };
                threshold: {
                    index: number;
                    value: number;
                };
                /** @description USAGE_THRESHOLD: the meter's usage in the cycle before and after the change */
                usage?: {
                    before: number;
                    after: number;
                };
                /** @description REVENUE_THRESHOLD: the account's revenue in the cycle before and after the change */
                revenue?: {
                    before: number;
                    after: number;
                };
                /** @description BALANCE_THRESHOLD: the feature's credit balance before and after the debit */
                balance?: {
                    before: number;
                    after: number;
                };
                /** @description USAGE_THRESHOLD, REVENUE_THRESHOLD: the billing cycle */
                cycle?: {
                    start: string;
                    end: string;
                };
                /** @description BALANCE_THRESHOLD: when the debit that crossed it was made */
                crossedAt?: string;
                webhooks: {
                    deliveries: components["schemas"]["WebhookDelivery"][];
                };
            };
            /** @description TRIGGERED when the threshold was crossed; ACKNOWLEDGED or RESOLVED as the tenant sets it */
            status: string;
            createdAt: string;
            updatedAt?: string;
        };
        /** @description One webhook endpoint’s delivery of an incident */
        WebhookDelivery: {
            endpointId: string;
            /** @enum {string} */
            status: "PENDING" | "HELD" | "DELIVERED" | "DEAD";
            attempts: number;
            lastResponseStatus?: number;
            lastError?: string;
            nextAttemptAt?: string;
            deliveredAt?: string;
        };
        UpdateIncidentStatusRequest: {
            /** @enum {string} */
            status: "TRIGGERED" | "ACKNOWLEDGED" | "RESOLVED";
        };
        AlertTemplatesPaginatedResponse: {
            data: components["schemas"]["AlertTemplate"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        AlertTemplate: {
            id: string;
            name: string;
            description?: string;
            interval: number;
            entitySchema?: string;
            entityType?: string;
            ownerSchema?: string;
            ownerType?: string;
            parametersSchema?: string;
            createdAt: string;
        };
        CreatedWebhookEndpoint: {
            id: string;
            url: string;
            description?: string;
            /**
             * @description DISABLED once every attempt has failed for five days: nothing is attempted until it is enabled
             * @enum {string}
             */
            status: "ACTIVE" | "DISABLED";
            /** @description The first failed attempt since the last success, while attempts are failing */
            failingSince?: string;
            disabledAt?: string;
            disabledReason?: string;
            createdAt: string;
            /** @description After a rotation: until then deliveries are signed with the previous secret too */
            previousSecretExpiresAt?: string;
            /** @description whsec_…: shown this once; verify webhook-signature with it */
            secret: string;
        };
        CreateWebhookEndpointRequest: {
            /**
             * Format: uri
             * @description Where deliveries are POSTed; https in production
             */
            url: string;
            description?: string;
        };
        WebhookEndpointsPaginatedResponse: {
            data: components["schemas"]["WebhookEndpoint"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            description?: string;
            /**
             * @description DISABLED once every attempt has failed for five days: nothing is attempted until it is enabled
             * @enum {string}
             */
            status: "ACTIVE" | "DISABLED";
            /** @description The first failed attempt since the last success, while attempts are failing */
            failingSince?: string;
            disabledAt?: string;
            disabledReason?: string;
            createdAt: string;
            /** @description After a rotation: until then deliveries are signed with the previous secret too */
            previousSecretExpiresAt?: string;
        };
        WebhookDeliveryLogPaginatedResponse: {
            data: components["schemas"]["WebhookDeliveryLogEntry"][];
            /** @description Present when there are more items */
            nextToken?: string;
            context: {
                pageSize: number;
                /** @enum {string} */
                sortOrder: "ASC" | "DESC";
            };
        };
        /** @description One message’s delivery to this endpoint */
        WebhookDeliveryLogEntry: {
            messageId: string;
            /** @description alert.threshold_crossed or endpoint.disabled */
            eventType: string;
            /** @enum {string} */
            status: "PENDING" | "HELD" | "DELIVERED" | "DEAD";
            attempts: number;
            lastResponseStatus?: number;
            lastError?: string;
            /** @description While PENDING */
            nextAttemptAt?: string;
            deliveredAt?: string;
            createdAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
