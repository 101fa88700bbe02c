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
         * @description Validated against the ACTIVE version of its schema. The id is accepted at most once per tenant for 45 days: a repeat with the same payload answers 200 DUPLICATE (safe to retry), with another payload 409.
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
                /** @description Duplicate: this id was already accepted with this payload */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestEventResponse"];
                    };
                };
                /** @description Accepted: stored, and on its way to be metered */
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        IngestEventResponse: {
            success: boolean;
            statusCode: number;
            message: string;
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
            /** Format: date-time */
            timestamp: string;
            accountId: string;
            /** @default [] */
            attributes: {
                name: string;
                value: string | number;
                unit?: string;
            }[];
            /** @default {} */
            dimensions: {
                [key: string]: string;
            };
        };
        EventSchema: {
            name: string;
            description?: string;
            /** @default [] */
            attributes: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions: {
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
            attributes: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions: {
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
            attributes: {
                name: string;
                defaultUnit?: string;
            }[];
            /** @default [] */
            dimensions: {
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
        };
        EventSchemaVersionsResponse: {
            data: components["schemas"]["EventSchema"][];
        };
        BaseSuccessResponse: {
            success: boolean;
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
