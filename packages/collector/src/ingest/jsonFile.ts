import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * A small JSON document kept in a file: read once at start, written whole and atomically (a
 * temporary file renamed over the old one, so a crash leaves the old or the new version, never
 * half of one). Writes are coalesced: while one runs, every `save()` joins the next one, which
 * writes the state as it is when it starts.
 */
export class JsonFile<T> {
  private chain: Promise<void> = Promise.resolve()
  private pending: Promise<void> | undefined

  constructor(
    /** Where the document lives; `undefined` keeps it in memory only. */
    readonly path: string | undefined,
    private readonly snapshot: () => T,
  ) {}

  /**
   * The stored document, or `undefined` when there is none yet. A file that cannot be read as
   * JSON is moved aside (`<name>.corrupt-<time>`) and reported through `warn`, not thrown:
   * losing a side record must not stop the collector.
   */
  async read(warn: (message: string) => void): Promise<unknown> {
    if (!this.path) return undefined
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    try {
      return JSON.parse(text) as unknown
    } catch (error) {
      const aside = `${this.path}.corrupt-${Date.now()}`
      await rename(this.path, aside)
      warn(`${this.path} is not valid JSON (${(error as Error).message}); moved to ${aside}`)
      return undefined
    }
  }

  /** Writes the current state; resolves once it is on disk. */
  save(): Promise<void> {
    if (this.pending) return this.pending
    const next = this.chain.then(() => {
      this.pending = undefined
      return this.write()
    })
    this.pending = next
    this.chain = next.catch(() => {})
    return next
  }

  private async write(): Promise<void> {
    const path = this.path
    if (!path) return
    const text = JSON.stringify(this.snapshot(), null, 1)
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${process.pid}.tmp`
    await writeFile(temporary, text)
    await rename(temporary, path)
  }
}
