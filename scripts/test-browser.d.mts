// Types of scripts/test-browser.mjs for the TypeScript tests that import it.
export function commonBrowserPaths(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): string[]
export function findBrowser(env?: NodeJS.ProcessEnv): string | null
export function provisionBrowser(env?: NodeJS.ProcessEnv): { path: string; error?: undefined } | { error: string; path?: undefined }
