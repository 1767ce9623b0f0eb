// Spawns the engine host as an Electron utilityProcess and adapts it to the supervisor's HostChild interface.
import { utilityProcess } from 'electron'
import type { EngineOptions } from './engine/contract'
import type { HostChild } from './engine-client'
import { encodeEngineOptions } from './host/messages'
import { engineExecArgv, engineProcessEnv } from './engine-env'

/** Forks `hostModule` (out/main/engine-host.js) with the engine options current at spawn time. */
export function spawnUtilityHost(hostModule: string, options: () => EngineOptions): HostChild {
  const child = utilityProcess.fork(hostModule, [encodeEngineOptions(options())], {
    serviceName: 'Semnote engine',
    stdio: 'inherit',
    env: engineProcessEnv(process.env),
    execArgv: engineExecArgv([])
  })
  return {
    send: (message) => child.postMessage(message),
    kill: () => {
      child.kill()
    },
    onMessage: (listener) => {
      child.on('message', listener)
    },
    onExit: (listener) => {
      child.once('exit', listener)
    }
  }
}
