/** What the sandbox may read, relative to the repository root (copied into each render's snapshot). */
export const SANDBOX_READ = ["clusters", "lib", "mod.ts", "vendor"] as const;
