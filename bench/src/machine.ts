import { cpus, freemem, loadavg, totalmem } from 'node:os'

/** What the figures were measured on: they only compare to runs on the same kind of machine. */
export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  freeMemoryGiB: number
  /** 1-minute load average at the start and at the end: above `cores`, others shared the CPU. */
  loadAtStart: number
  loadAtEnd?: number
  node: string
  platform: string
  chromium?: string
}

export function describeMachine(): Machine {
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
}
