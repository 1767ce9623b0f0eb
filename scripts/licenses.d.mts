// Types of scripts/licenses.mjs for the TypeScript tests that import it.
export interface PackageInfo {
  licenses?: string | string[]
  licenseFile?: string
  repository?: string
}
export const ALLOWED_LICENSES: Set<string>
export const REVIEWED_GUESSES: Record<string, string>
export function isAllowedExpression(expression: string): boolean
export function leftOutOfApp(builderYaml: string): (name: string) => boolean
export function checkLicenses(packages: Record<string, PackageInfo>): { entries: { id: string; license: string; info: PackageInfo }[]; problems: string[] }
export function readProductionPackages(start?: string): Promise<Record<string, PackageInfo>>
export function renderReport(entries: { id: string; license: string; info: PackageInfo }[], packNotice: string): string
