// The version the app, the CLI and the doors report (package.json's, inlined by the bundler).
import packageJson from '../../package.json'

export const SEMNOTE_VERSION: string = packageJson.version
