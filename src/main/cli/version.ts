// The version the CLI and its doors report (package.json's, inlined by the bundler).
import packageJson from '../../../package.json'

export const SEMNOTE_VERSION: string = packageJson.version
