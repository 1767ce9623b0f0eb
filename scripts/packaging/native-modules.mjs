// electron-builder beforePack hook: refuses to package for a platform/arch whose native binaries are not installed.
// npm installs only the host's LanceDB package and npmRebuild is off, so a cross-build would otherwise ship without it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The prebuilt native pieces each target needs, by electron platform and arch. */
export function nativeModuleDirs(platform, arch) {
  const lancedb = { darwin: `darwin-${arch}`, mas: `darwin-${arch}`, linux: `linux-${arch}-gnu`, win32: `win32-${arch}-msvc` }[platform]
  const onnxPlatform = platform === 'mas' ? 'darwin' : platform
  return [
    { what: 'LanceDB', dir: join('node_modules', '@lancedb', `lancedb-${lancedb}`), installable: true },
    { what: 'onnxruntime-node', dir: join('node_modules', 'onnxruntime-node', 'bin', 'napi-v6', onnxPlatform, arch), installable: false }
  ]
}

/** What is missing to package for `platform`/`arch` from the project at `root`, as messages (empty when nothing is). */
export function missingNativeModules(root, platform, arch) {
  return nativeModuleDirs(platform, arch)
    .filter(({ dir }) => !existsSync(join(root, dir)))
    .map(({ what, dir, installable }) =>
      installable
        ? `${what} for ${platform}-${arch} is not installed (${dir}): npm installs only the host's native package, so build on a ${platform}-${arch} machine`
        : `${what} ships no binary for ${platform}-${arch} (${dir}): this target cannot be built`
    )
}

/** The hook electron-builder calls before packing each platform/arch. */
export default async function beforePack(context) {
  const { Arch } = await import('builder-util')
  const arch = Arch[context.arch]
  const problems = missingNativeModules(context.packager.projectDir, context.electronPlatformName, arch)
  if (problems.length > 0) throw new Error(`Cannot package Semnote for ${context.electronPlatformName}-${arch}:\n- ${problems.join('\n- ')}`)
}
