/** Path of the generated module holding the bundled in-page recogniser. */
export declare const GENERATED: string;
/** Hash of the recogniser's sources' contents. */
export declare function recogniserSourcesHash(): string;
/** Rebuilds the generated module when the sources changed (or it is missing); resolves to whether it did. */
export declare function ensureRecogniserBundle(): Promise<boolean>;
