export function buildWorker(outdir?: string): Promise<string>;
