import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { JsonFile } from '../ingest/jsonFile'
import type { EventStore } from '../store/types'
import {
  type AlertRule,
  type AlertRuleInput,
  type AlertStatus,
  breaches,
  type Delivery,
  type HistoryEntry,
  metricValue,
} from './rules'

/** A rule with its state and history: what a shared log keeps per rule. */
export interface RuleRecord {
  rule: AlertRule
  status: AlertStatus
  history: HistoryEntry[]
}

/**
 * Where collectors that share a store keep the rules (the ClickHouse store's): each write
 * replaces a rule's record (the latest write wins), and `claim` lets exactly one collector run
 * an evaluation round.
 */
export interface AlertLog {
  /** Every rule's latest record, deleted rules left out. */
  load(): Promise<RuleRecord[]>
  /** Writes the records of these rules, or marks them deleted (`undefined`). */
  write(records: readonly (readonly [id: string, record: RuleRecord | undefined])[]): Promise<void>
  /**
   * Claims evaluation round `round` (the same text on every collector for the same tick);
   * true for one collector of those that claim it.
   */
  claim(round: string): Promise<boolean>
}

export interface AlertOptions {
  store: EventStore
  /** Rules, states and history go to `<dataDir>/alerts.json`; without one, memory only. */
  dataDir?: string
  /**
   * A log shared with the other collectors of the same store, instead of the file: rules,
   * states and history are read from it before each answer and each evaluation, and each timer
   * tick is evaluated by one collector only.
   */
  shared?: AlertLog
  /** How often every rule is evaluated. Default 60 s. */
  evaluateEveryMs?: number
  /** Longest wait for a webhook's answer, per attempt. Default 5 s. */
  webhookTimeoutMs?: number
  /** Attempts after a failed one (an error, a timeout or a non-2xx answer). Default 2. */
  webhookRetries?: number
  /** Wait before the first retry, doubled for each next one. Default 1 s. */
  retryDelayMs?: number
  /** History entries kept per rule (the oldest go first). Default 200. */
  historyLimit?: number
  /**
   * Base URL of the collector as people reach it, for the dashboard link in webhook payloads.
   * Default: the address it listens on.
   */
  publicUrl?: string
  log?: (message: string) => void
  now?: () => number
}

/** A rule with its current state, as the API shows it. */
export type RuleWithStatus = AlertRule & { status: AlertStatus }

/** What one evaluation of a rule found. */
export interface RuleEvaluation {
  ruleId: string
  value: number | null
  state: AlertStatus['state']
  /** The history entry, when the state changed. */
  change?: HistoryEntry
  error?: string
}

interface Stored {
  version: 1
  rules: AlertRule[]
  status: Record<string, AlertStatus>
  history: Record<string, HistoryEntry[]>
}

const initialStatus = (): AlertStatus => ({
  state: 'ok',
  value: null,
  lastEvaluatedAt: null,
  since: null,
})

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })

/**
 * Alert rules, their state and history, and the evaluator that runs them: every
 * `evaluateEveryMs` each rule's metric is computed over its last window; when a rule goes from
 * ok to firing or back, a history entry is recorded and the webhook is called (with a timeout and
 * bounded retries), its delivery status recorded in the entry. One evaluation runs at a time; it
 * only reads the store, so ingest goes on meanwhile, and a slow webhook only delays the next
 * evaluation.
 */
export class AlertService {
  private rules = new Map<string, AlertRule>()
  private status = new Map<string, AlertStatus>()
  private history = new Map<string, HistoryEntry[]>()
  private readonly file: JsonFile<Stored>
  private readonly log: (message: string) => void
  private readonly now: () => number
  private timer: ReturnType<typeof setInterval> | undefined
  private running: Promise<RuleEvaluation[]> | undefined
  private readonly shutdown = new AbortController()
  private publicUrl: string | undefined
  private ticking = false
  /** The records last read from or written to the shared log, as JSON: what changed is written. */
  private written = new Map<string, string>()

  private constructor(private readonly options: AlertOptions) {
    this.log = options.log ?? (() => {})
    this.now = options.now ?? Date.now
    this.publicUrl = options.publicUrl
    this.file = new JsonFile(
      options.dataDir && !options.shared ? join(options.dataDir, 'alerts.json') : undefined,
      (): Stored => ({
        version: 1,
        rules: [...this.rules.values()],
        status: Object.fromEntries(this.status),
        history: Object.fromEntries(this.history),
      }),
    )
  }

  static async open(options: AlertOptions): Promise<AlertService> {
    const service = new AlertService(options)
    if (options.shared) {
      // Not fatal: a shard may be down, or its tables not made yet; every answer and every
      // evaluation reads the rules again.
      await service
        .load(options.shared)
        .catch((error: Error) =>
          service.log(`alerts: cannot read the shared rules yet: ${error.message}`),
        )
      return service
    }
    const stored = (await service.file.read(service.log)) as Stored | undefined
    if (stored?.version === 1 && Array.isArray(stored.rules)) {
      for (const rule of stored.rules) {
        service.rules.set(rule.id, rule)
        service.status.set(rule.id, stored.status?.[rule.id] ?? initialStatus())
        service.history.set(rule.id, stored.history?.[rule.id] ?? [])
      }
    }
    return service
  }

  /** Replaces what this collector knows with the shared log's records. */
  private async load(shared: AlertLog): Promise<void> {
    const records = await shared.load()
    this.rules = new Map(records.map((r) => [r.rule.id, r.rule]))
    this.status = new Map(records.map((r) => [r.rule.id, r.status]))
    this.history = new Map(records.map((r) => [r.rule.id, r.history]))
    this.written = new Map(records.map((r) => [r.rule.id, JSON.stringify(r)]))
  }

  /**
   * With a shared log: reads the rules, states and history every collector wrote (not during an
   * evaluation of this collector, which is writing them). Without one: nothing to do.
   */
  async refresh(): Promise<void> {
    if (this.options.shared && !this.running) await this.load(this.options.shared)
  }

  /** Writes what changed: the file, or the changed and deleted rules' records to the shared log. */
  private async persist(): Promise<void> {
    const shared = this.options.shared
    if (!shared) return this.file.save()
    const changes: [string, RuleRecord | undefined][] = []
    const texts = new Map<string, string>()
    for (const [id, rule] of this.rules) {
      const record: RuleRecord = {
        rule,
        status: this.status.get(id) ?? initialStatus(),
        history: this.history.get(id) ?? [],
      }
      const text = JSON.stringify(record)
      texts.set(id, text)
      if (this.written.get(id) !== text) changes.push([id, record])
    }
    for (const id of this.written.keys()) if (!this.rules.has(id)) changes.push([id, undefined])
    if (changes.length === 0) return
    await shared.write(changes)
    for (const [id] of changes) {
      const text = texts.get(id)
      if (text === undefined) this.written.delete(id)
      else this.written.set(id, text)
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rules

  /** The rules (of one application, or all), oldest first, with their state. */
  list(applicationId?: string): RuleWithStatus[] {
    return [...this.rules.values()]
      .filter((rule) => applicationId === undefined || rule.applicationId === applicationId)
      .map((rule) => this.withStatus(rule))
  }

  get(id: string): RuleWithStatus | undefined {
    const rule = this.rules.get(id)
    return rule && this.withStatus(rule)
  }

  async create(input: AlertRuleInput): Promise<RuleWithStatus> {
    const time = this.now()
    const rule: AlertRule = { id: randomUUID(), ...input, createdAt: time, updatedAt: time }
    this.rules.set(rule.id, rule)
    this.status.set(rule.id, initialStatus())
    this.history.set(rule.id, [])
    await this.persist()
    return this.withStatus(rule)
  }

  /** Replaces a rule's fields; its state and history stay. Undefined when there is no such rule. */
  async update(id: string, input: AlertRuleInput): Promise<RuleWithStatus | undefined> {
    const old = this.rules.get(id)
    if (!old) return undefined
    const rule: AlertRule = { ...input, id, createdAt: old.createdAt, updatedAt: this.now() }
    this.rules.set(id, rule)
    await this.persist()
    return this.withStatus(rule)
  }

  /** Deletes a rule and its history; false when there is no such rule. */
  async remove(id: string): Promise<boolean> {
    if (!this.rules.delete(id)) return false
    this.status.delete(id)
    this.history.delete(id)
    await this.persist()
    return true
  }

  /** A rule's state changes, the most recent first; undefined when there is no such rule. */
  historyOf(id: string): HistoryEntry[] | undefined {
    const entries = this.history.get(id)
    return entries && [...entries].reverse()
  }

  private withStatus(rule: AlertRule): RuleWithStatus {
    return { ...rule, status: { ...(this.status.get(rule.id) ?? initialStatus()) } }
  }

  // -------------------------------------------------------------------------------------------
  // Evaluation

  /** Starts evaluating every `evaluateEveryMs`; `baseUrl` is the default dashboard address. */
  start(baseUrl: string): void {
    this.publicUrl ??= baseUrl
    if (this.timer || this.shutdown.signal.aborted) return
    const every = this.options.evaluateEveryMs ?? 60_000
    this.timer = setInterval(() => {
      // One evaluation at a time: a tick that comes while one runs (or is claimed) is skipped.
      if (this.running || this.ticking) return
      this.ticking = true
      this.tick(every)
        .catch((error: Error) => this.log(`alerts: evaluation failed: ${error.message}`))
        .finally(() => {
          this.ticking = false
        })
    }, every)
    this.timer.unref()
  }

  /**
   * A timer tick. With a shared log, the collectors sharing it claim the round (the tick's
   * number since the epoch, the same on every collector with the same interval) and only the
   * one that wins evaluates: each rule once per interval, however many collectors run.
   */
  private async tick(every: number): Promise<void> {
    const shared = this.options.shared
    if (shared && !(await shared.claim(`${every}:${Math.floor(this.now() / every)}`))) return
    if (!this.running) await this.evaluateNow()
  }

  /**
   * Stops the timer, cuts webhook retries short (a delivery cut this way is recorded as failed),
   * waits for the evaluation in progress and writes the file.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    this.shutdown.abort()
    await this.running?.catch(() => {})
    await this.persist().catch((error: Error) => this.log(`alerts: write failed: ${error.message}`))
  }

  /**
   * Evaluates every rule now (after the evaluation in progress, if any; with a shared log, on
   * the rules and states as every collector left them) and resolves once the webhooks of the
   * state changes were delivered or gave up.
   */
  async evaluateNow(): Promise<RuleEvaluation[]> {
    while (this.running) await this.running.catch(() => {})
    const shared = this.options.shared
    const run = (shared ? this.load(shared) : Promise.resolve())
      .then(() => this.evaluate())
      .finally(() => {
        this.running = undefined
      })
    this.running = run
    return run
  }

  private async evaluate(): Promise<RuleEvaluation[]> {
    const results: RuleEvaluation[] = []
    const deliveries: Promise<void>[] = []
    for (const rule of [...this.rules.values()]) {
      if (this.shutdown.signal.aborted) break
      const at = this.now()
      const window = { from: at - rule.windowMs, to: at, ms: rule.windowMs }
      let value: number | null
      try {
        const counts = await this.options.store.actionCounts(
          { applicationId: rule.applicationId, from: window.from, to: window.to },
          rule.filter,
        )
        value = metricValue(rule.metric, counts)
      } catch (error) {
        const message = (error as Error).message
        this.log(`alerts: rule ${rule.id} could not be evaluated: ${message}`)
        const status = this.status.get(rule.id)
        if (status) status.error = message
        results.push({ ruleId: rule.id, value: null, state: status?.state ?? 'ok', error: message })
        continue
      }
      // Deleted while the store answered.
      const status = this.status.get(rule.id)
      if (!status || this.rules.get(rule.id) !== rule) continue
      const state = breaches(rule, value) ? 'firing' : 'ok'
      status.value = value
      status.lastEvaluatedAt = at
      delete status.error
      const result: RuleEvaluation = { ruleId: rule.id, value, state }
      if (state !== status.state) {
        status.state = state
        status.since = at
        const entry: HistoryEntry = {
          at,
          state: state === 'firing' ? 'firing' : 'resolved',
          value,
          threshold: rule.threshold,
          comparator: rule.comparator,
          metric: rule.metric,
          windowMs: rule.windowMs,
          delivery: { status: 'pending', attempts: 0 },
        }
        this.record(rule.id, entry)
        result.change = entry
        deliveries.push(this.deliver(rule, entry, window))
      }
      results.push(result)
    }
    await this.persist().catch((error: Error) => this.log(`alerts: write failed: ${error.message}`))
    if (deliveries.length) {
      await Promise.all(deliveries)
      await this.persist().catch((error: Error) =>
        this.log(`alerts: write failed: ${error.message}`),
      )
    }
    return results
  }

  private record(id: string, entry: HistoryEntry): void {
    const entries = this.history.get(id) ?? []
    entries.push(entry)
    const limit = this.options.historyLimit ?? 200
    if (entries.length > limit) entries.splice(0, entries.length - limit)
    this.history.set(id, entries)
  }

  /** The webhook's JSON body. */
  payload(
    rule: AlertRule,
    entry: HistoryEntry,
    window: { from: number; to: number; ms: number },
  ): Record<string, unknown> {
    const { webhookUrl: _secret, ...shown } = rule
    const base = (this.publicUrl ?? '').replace(/\/+$/, '')
    return {
      rule: shown,
      state: entry.state,
      value: entry.value,
      threshold: entry.threshold,
      window,
      at: entry.at,
      url: `${base}/?app=${encodeURIComponent(rule.applicationId)}#/alerts/${encodeURIComponent(rule.id)}`,
    }
  }

  /** POSTs the payload, retrying with a doubling delay; the outcome goes into `entry.delivery`. */
  private async deliver(
    rule: AlertRule,
    entry: HistoryEntry,
    window: { from: number; to: number; ms: number },
  ): Promise<void> {
    const body = JSON.stringify(this.payload(rule, entry, window))
    const attempts = 1 + Math.max(0, this.options.webhookRetries ?? 2)
    const timeoutMs = this.options.webhookTimeoutMs ?? 5000
    let delay = this.options.retryDelayMs ?? 1000
    const delivery: Delivery = entry.delivery
    for (let attempt = 1; attempt <= attempts; attempt++) {
      delivery.attempts = attempt
      try {
        const response = await fetch(rule.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'actiontrail-collector' },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.shutdown.signal]),
          redirect: 'manual',
        })
        delivery.httpStatus = response.status
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) {
          delivery.status = 'delivered'
          delete delivery.error
          delivery.finishedAt = this.now()
          return
        }
        delivery.error = `the webhook answered ${response.status}`
      } catch (error) {
        delete delivery.httpStatus
        const name = (error as Error).name
        delivery.error =
          name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : this.shutdown.signal.aborted
              ? 'the collector shut down'
              : `${(error as Error).message}${(error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : ''}`
      }
      if (attempt < attempts && !this.shutdown.signal.aborted) {
        await sleep(delay, this.shutdown.signal)
        delay *= 2
      }
      if (this.shutdown.signal.aborted) break
    }
    delivery.status = 'failed'
    delivery.finishedAt = this.now()
    this.log(
      `alerts: webhook of rule ${rule.id} failed after ${delivery.attempts} attempts: ${delivery.error}`,
    )
  }
}
