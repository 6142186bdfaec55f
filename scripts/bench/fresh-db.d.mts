export declare const PG_SERVER: string;
export declare function adminPg(sql: string): Promise<void>;
export declare function freshDatabase(provider: "sqlite" | "postgresql", prefix?: string): Promise<{ url: string; drop: () => Promise<void> }>;
