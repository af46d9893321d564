import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore } from '../src/store/index'
import { actionEvent, postBatch } from './helpers'

// The built command (`pnpm build` runs before the tests in `turbo run test`).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

let child: ChildProcess | undefined
let dataDir: string | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('actiontrail-collector (dist/cli.js)', () => {
  it('is built', () => {
    expect(existsSync(cli), `${cli} is missing: run \`pnpm build\` first`).toBe(true)
  })

  it('starts from flags and ACTIONTRAIL_* variables, prints its URLs, and stops on SIGTERM', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'actiontrail-cli-'))
    const proc = spawn(process.execPath, [cli, '--port', '0', '--tokens', 'pub-cli'], {
      env: {
        ...process.env,
        ACTIONTRAIL_STORE: 'sqlite',
        ACTIONTRAIL_DATA_DIR: dataDir,
        ACTIONTRAIL_RETENTION: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    let out = ''
    proc.stdout?.on('data', (chunk) => {
      out += chunk
    })
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000)
      proc.stdout?.on('data', () => {
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        // The banner's last line is there: the whole banner was printed.
        if (found && /\n {2}retention .*\n/.test(out)) {
          clearTimeout(timer)
          resolve(found[1] as string)
        }
      })
    })
    expect(out).toContain(`POST ${url}/v1/events?token=<client token>`)
    expect(out).toContain(`store      sqlite in ${dataDir}`)
    expect(out).toContain('retention  off (events are kept for ever)')

    const event = actionEvent({ session: { id: 'cli' } })
    expect((await postBatch(url, [event], { token: 'pub-cli' })).status).toBe(200)
    expect((await postBatch(url, [event], { token: 'other' })).status).toBe(401)

    proc.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out).toContain('stopped')
    const store = await createStore('sqlite', dataDir)
    try {
      expect((await store.sessionTimeline('shop', 'cli')).map((r) => r.id)).toEqual([event.id])
    } finally {
      await store.close()
    }
  })

  it('exits with 2 and names the setting when an option is wrong', async () => {
    const proc = spawn(process.execPath, [cli, '--retention', 'soon'], { stdio: 'pipe' })
    child = proc
    let err = ''
    proc.stderr?.on('data', (chunk) => {
      err += chunk
    })
    const code = await new Promise((resolve) => proc.on('exit', resolve))
    expect(code).toBe(2)
    expect(err).toContain(
      '--retention: expected a duration like 30d, 12h or 90m (or off), got "soon"',
    )
  })
})
