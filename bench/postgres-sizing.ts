/** The benches' PostgreSQL shared_buffers: 1 GiB of this machine's 24, as a production server is sized (the README's sizing advice). */
export const BENCH_SHARED_BUFFERS = "1GB";
