/**
 * The sandbox's realm made a pure function's (`_sandbox_eval.ts` runs this
 * before it imports any cluster file): what differs between machines or runs is
 * fixed or absent. The clock, randomness and a new realm (which would bring both
 * back) throw an error that says why; the time zone is UTC and the locale en-US;
 * the CPU count, working directory, process ids, memory figures and the paths of
 * the machine are absent or fixed. Every replacement is read-only and
 * non-configurable, and the originals live only in this module's closures: a
 * cluster file cannot put them back.
 */
const { apply, construct, getOwnPropertyDescriptor, getPrototypeOf, ownKeys } = Reflect;
const { create, defineProperty, freeze, preventExtensions, setPrototypeOf } = Object;
const protoOf = (value: object) => getPrototypeOf(value) as object;

/** The time zone of the sandbox. */
export const SANDBOX_TIME_ZONE = "UTC";
/** The locale of the sandbox. */
export const SANDBOX_LOCALE = "en-US";

const CLOCK = "a render must not depend on when it runs";
const RANDOM = "a render must give the same bytes every time";
const MACHINE = "a render must not depend on the machine it runs on";
const REALM = "a new realm would have the clock and randomness back";

/** The error a cluster file gets when it asks for what the sandbox does not have. */
export function refusal(what: string, why: string): Error {
  return new Error(`${what} is not available to a cluster file (${why})`);
}

/** A function that refuses, named for what it stands for. */
function refusing(what: string, why: string): () => never {
  const refuse = function (): never {
    throw refusal(what, why);
  };
  defineProperty(refuse, "name", { value: what.replace(/\(.*$/, "").split(".").pop() });
  return refuse;
}

/** Sets `key` on `target` for good: read-only and non-configurable. */
function lock(target: object, key: PropertyKey, value: unknown): void {
  defineProperty(target, key, { value, writable: false, enumerable: false, configurable: false });
}

/** Replaces `key` on `target` by one that refuses, for good: a method when it is one, else a getter. */
function refuseMember(target: object, key: PropertyKey, what: string, why: string): void {
  const descriptor = getOwnPropertyDescriptor(target, key);
  if (descriptor && typeof descriptor.value === "function") lock(target, key, refusing(what, why));
  else defineProperty(target, key, { get: refusing(what, why), configurable: false });
}

/**
 * A class no one can construct any more: its constructor calls `super()` first,
 * and the super constructor is its prototype, which becomes a refusal and then
 * cannot be changed back (the class is made non-extensible).
 */
export function unconstructable(Class: unknown, what: string): void {
  if (typeof Class !== "function" || getPrototypeOf(Class) === Function.prototype) return;
  setPrototypeOf(Class, refusing(what, REALM));
  preventExtensions(Class);
}

const isObject = (value: unknown): value is object =>
  (typeof value === "object" && value !== null) || typeof value === "function";

/** `options` with `key` set to `value` when it states none (the rest read as before). */
function withDefault(options: unknown, key: string, value: string): unknown {
  if (options === undefined) return { [key]: value };
  if (!isObject(options) || (options as Record<string, unknown>)[key] !== undefined) return options;
  return create(options, { [key]: { value, enumerable: true } });
}

const localeOf = (locales: unknown) => locales === undefined ? SANDBOX_LOCALE : locales;

/** The ISO 8601 strings Date reads (ECMAScript's Date Time String Format). */
const ISO_DATE =
  /^(?:[+-]\d{6}|\d{4})(?:-\d{2}(?:-\d{2})?)?(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:\d{2})?$/i;
/** RFC 2822 dates with their zone, and what Date's own toString and toUTCString write. */
const ZONED_DATE = new RegExp(
  "^(?:[A-Z][a-z]{2},? )?(?:\\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \\d{1,2}) -?\\d{4,6} " +
    "\\d{2}:\\d{2}(?::\\d{2})? (?:GMT|UTC|UT|Z|(?:GMT)?[+-]\\d{4})(?: \\([^)]*\\))?$",
);

/**
 * Date.parse in the sandbox's zone: an ISO date-time without an offset is UTC
 * (the spec reads it in the machine's zone); a date that states its zone is read
 * as before; any other format (read in the machine's zone) is refused.
 */
function utcParse(original: (text: string) => number, text: string): number {
  const iso = ISO_DATE.exec(text);
  if (iso) return original(iso[1] !== undefined && iso[2] === undefined ? `${text}Z` : text);
  if (ZONED_DATE.test(text)) return original(text);
  throw new Error(
    `Date.parse(${
      JSON.stringify(text.slice(0, 80))
    }): the sandbox reads only ISO 8601 dates (2024-01-31, 2024-01-31T10:00:00Z) and RFC 2822 dates with their zone; others are read in the machine's time zone`,
  );
}

/** `Date` without the clock, in UTC. */
function pureDate(): void {
  const Original = Date;
  const proto = Original.prototype;
  const { UTC } = Original;
  const parse = Original.parse;
  const getTime = proto.getTime;
  const isDate = (value: unknown) => {
    try {
      apply(getTime, value, []);
      return true;
    } catch {
      return false;
    }
  };
  const timeOf = (value: unknown): unknown => {
    if (isDate(value)) return apply(getTime, value, []);
    const primitive = isObject(value) ? toPrimitive(value) : value;
    return typeof primitive === "string" ? utcParse(parse, primitive) : primitive;
  };
  const SandboxDate = function Date(this: unknown, ...args: unknown[]) {
    if (new.target === undefined) throw refusal("Date()", CLOCK);
    if (args.length === 0) throw refusal("new Date() without a value", CLOCK);
    const time = args.length === 1 ? timeOf(args[0]) : apply(UTC, undefined, args);
    return construct(Original, [time], new.target);
  };
  lock(SandboxDate, "prototype", proto);
  lock(SandboxDate, "length", 7);
  lock(SandboxDate, "now", refusing("Date.now()", CLOCK));
  lock(SandboxDate, "parse", (text: unknown) => utcParse(parse, String(text)));
  lock(SandboxDate, "UTC", UTC);
  lock(proto, "constructor", SandboxDate);
  utcDateMethods(proto);
  utcDateStrings(proto);
  lock(globalThis, "Date", SandboxDate);
}

/** ECMAScript's ToPrimitive with no hint, without trusting anything a cluster file can change. */
function toPrimitive(value: object): unknown {
  const exotic = (value as { [Symbol.toPrimitive]?: unknown })[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    const result = apply(exotic as (hint: string) => unknown, value, ["default"]);
    if (!isObject(result)) return result;
  } else {
    for (const name of ["valueOf", "toString"]) {
      const method = (value as Record<string, unknown>)[name];
      if (typeof method !== "function") continue;
      const result = apply(method, value, []);
      if (!isObject(result)) return result;
    }
  }
  throw new TypeError("Cannot convert object to primitive value");
}

/** The local-time methods of Date are its UTC ones: the sandbox's zone is UTC. */
function utcDateMethods(proto: Date): void {
  const fields = [
    "FullYear",
    "Month",
    "Date",
    "Day",
    "Hours",
    "Minutes",
    "Seconds",
    "Milliseconds",
  ];
  const methods = proto as unknown as Record<string, (...args: unknown[]) => number>;
  for (const field of fields) {
    const get = methods[`getUTC${field}`];
    lock(proto, `get${field}`, function (this: Date) {
      return apply(get, this, []);
    });
    if (field === "Day") continue;
    const set = methods[`setUTC${field}`];
    lock(proto, `set${field}`, function (this: Date, ...args: unknown[]) {
      return apply(set, this, args);
    });
  }
  const { getUTCFullYear, setUTCFullYear, setTime } = proto;
  lock(proto, "getTimezoneOffset", function (this: Date) {
    return apply(getUTCFullYear, this, []) === apply(getUTCFullYear, this, []) ? 0 : NaN;
  });
  lock(proto, "getYear", function (this: Date) {
    return apply(getUTCFullYear, this, []) - 1900;
  });
  lock(proto, "setYear", function (this: Date, year: unknown) {
    const value = Number(year);
    if (value !== value) return apply(setTime, this, [NaN]);
    const whole = Math.trunc(value);
    return apply(setUTCFullYear, this, [whole >= 0 && whole <= 99 ? 1900 + whole : value]);
  });
}

/** Date's strings in UTC, and its locale strings in the sandbox's locale and zone. */
function utcDateStrings(proto: Date): void {
  const { toUTCString, toLocaleString, toLocaleDateString, toLocaleTimeString } = proto;
  // toUTCString: "Thu, 01 Jan 1970 00:00:00 GMT"; toString: "Thu Jan 01 1970 00:00:00 GMT+0000 (...)".
  const parts = (date: Date) => {
    const text = apply(toUTCString, date, []);
    const match = /^(\w+), (\d+) (\w+) (-?\d+) ([\d:]+) GMT$/.exec(text);
    return match
      ? { day: `${match[1]} ${match[3]} ${match[2]} ${match[4]}`, time: match[5] }
      : null;
  };
  const zone = "GMT+0000 (Coordinated Universal Time)";
  lock(proto, "toDateString", function (this: Date) {
    return parts(this)?.day ?? "Invalid Date";
  });
  lock(proto, "toTimeString", function (this: Date) {
    const found = parts(this);
    return found ? `${found.time} ${zone}` : "Invalid Date";
  });
  lock(proto, "toString", function (this: Date) {
    const found = parts(this);
    return found ? `${found.day} ${found.time} ${zone}` : "Invalid Date";
  });
  const local = (method: (...args: unknown[]) => string) =>
    function (this: Date, locales?: unknown, options?: unknown) {
      return apply(method, this, [
        localeOf(locales),
        withDefault(options, "timeZone", SANDBOX_TIME_ZONE),
      ]);
    };
  lock(proto, "toLocaleString", local(toLocaleString));
  lock(proto, "toLocaleDateString", local(toLocaleDateString));
  lock(proto, "toLocaleTimeString", local(toLocaleTimeString));
}

/** The Intl constructors, with the sandbox's locale (and zone, for dates) by default. */
function pureIntl(): void {
  const names = [
    "Collator",
    "DateTimeFormat",
    "DisplayNames",
    "DurationFormat",
    "ListFormat",
    "NumberFormat",
    "PluralRules",
    "RelativeTimeFormat",
    "Segmenter",
  ];
  const intl = Intl as unknown as Record<string, unknown>;
  for (const name of names) {
    const Original = intl[name] as (new (...args: unknown[]) => object) | undefined;
    if (typeof Original !== "function") continue;
    const zoned = name === "DateTimeFormat";
    const Wrapped = function (this: unknown, locales?: unknown, options?: unknown) {
      const settled = zoned ? withDefault(options, "timeZone", SANDBOX_TIME_ZONE) : options;
      return construct(Original, [localeOf(locales), settled], new.target ?? Original);
    };
    defineProperty(Wrapped, "name", { value: name });
    lock(Wrapped, "prototype", Original.prototype);
    lock(
      Wrapped,
      "supportedLocalesOf",
      (Original as unknown as Record<string, unknown>).supportedLocalesOf,
    );
    lock(Original.prototype, "constructor", Wrapped);
    lock(Intl, name, Wrapped);
  }
  const proto = Intl.DateTimeFormat.prototype;
  const format = getOwnPropertyDescriptor(proto, "format")!.get!;
  const { formatToParts } = proto;
  defineProperty(proto, "format", {
    get(this: Intl.DateTimeFormat) {
      const bound = apply(format, this, []) as (date?: unknown) => string;
      return (date?: unknown) => {
        if (date === undefined) {
          throw refusal("Intl.DateTimeFormat's format() without a date", CLOCK);
        }
        return bound(date);
      };
    },
    configurable: false,
  });
  lock(proto, "formatToParts", function (this: Intl.DateTimeFormat, date?: unknown) {
    if (date === undefined) {
      throw refusal("Intl.DateTimeFormat's formatToParts() without a date", CLOCK);
    }
    return apply(formatToParts, this, [date]);
  });
  freeze(Intl);
}

/** The locale-sensitive methods of strings and numbers, in the sandbox's locale. */
function pureLocaleMethods(): void {
  const withLocale = (proto: object, key: string, at: number) => {
    const method = (proto as Record<string, (...args: unknown[]) => unknown>)[key];
    lock(proto, key, function (this: unknown, ...args: unknown[]) {
      args[at] = localeOf(args[at]);
      return apply(method, this, args);
    });
  };
  withLocale(String.prototype, "localeCompare", 1);
  withLocale(String.prototype, "toLocaleUpperCase", 0);
  withLocale(String.prototype, "toLocaleLowerCase", 0);
  withLocale(Number.prototype, "toLocaleString", 0);
  withLocale(BigInt.prototype, "toLocaleString", 0);
  const temporal = (globalThis as { Temporal?: Record<string, unknown> }).Temporal;
  if (!temporal) return;
  lock(
    temporal,
    "Now",
    freeze(Object.fromEntries(
      ownKeys(temporal.Now as object).filter((key) => typeof key === "string").map((key) => [
        key,
        refusing(`Temporal.Now.${String(key)}()`, CLOCK),
      ]),
    )),
  );
  for (const name of ownKeys(temporal)) {
    const proto = (temporal[name as string] as { prototype?: object } | undefined)?.prototype;
    if (!proto || typeof getOwnPropertyDescriptor(proto, "toLocaleString")?.value !== "function") {
      continue;
    }
    const method = (proto as { toLocaleString: (...args: unknown[]) => string }).toLocaleString;
    const zoned = name === "Instant";
    lock(proto, "toLocaleString", function (this: unknown, locales?: unknown, options?: unknown) {
      const settled = zoned ? withDefault(options, "timeZone", SANDBOX_TIME_ZONE) : options;
      return apply(method, this, [localeOf(locales), settled]);
    });
  }
}

/** No randomness: Math.random, crypto's random values and the Web Crypto calls that make keys or nonces. */
function pureRandom(): void {
  lock(Math, "random", refusing("Math.random()", RANDOM));
  const cryptoProto = protoOf(crypto);
  refuseMember(cryptoProto, "getRandomValues", "crypto.getRandomValues()", RANDOM);
  refuseMember(cryptoProto, "randomUUID", "crypto.randomUUID()", RANDOM);
  const subtle = protoOf(crypto.subtle);
  for (const key of ["generateKey", "encrypt", "sign", "wrapKey"]) {
    refuseMember(subtle, key, `crypto.subtle.${key}()`, RANDOM);
  }
}

/** No high-resolution clock: every member of `performance` and of its entries refuses. */
function purePerformance(): void {
  const protos: [object, string][] = [[protoOf(performance), "performance"]];
  if (typeof PerformanceEntry === "function") {
    protos.push([PerformanceEntry.prototype, "a performance entry"]);
  }
  for (const [proto, what] of protos) {
    for (const key of ownKeys(proto)) {
      if (key === "constructor" || typeof key === "symbol") continue;
      if (key === "name" || key === "entryType") continue;
      refuseMember(proto, key, `${what}.${key}`, CLOCK);
    }
  }
}

/** The globals that tell the machine, or give another realm or another sandbox: fixed or absent. */
function pureGlobals(): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  unconstructable(scope.Worker, "new Worker()");
  lock(scope, "Worker", refusing("new Worker()", REALM));
  unconstructable(scope.BroadcastChannel, "new BroadcastChannel()");
  lock(scope, "BroadcastChannel", refusing("new BroadcastChannel()", MACHINE));
  lock(
    scope,
    "navigator",
    freeze({
      hardwareConcurrency: 1,
      language: SANDBOX_LOCALE,
      languages: freeze([SANDBOX_LOCALE]),
      userAgent: navigator.userAgent,
    }),
  );
  // The sandbox was a web worker's scope; a Node worker's has no `self`.
  if (!("self" in scope)) lock(scope, "self", globalThis);
  // caches persist between runs; location is Hydrate's own path; require and nodeBootstrap
  // (a Node worker's) load any built-in module.
  for (const key of ["caches", "location", "require", "nodeBootstrap"]) {
    if (key in scope) lock(scope, key, undefined);
  }
}

/** A FileInfo without what a copy of the same file differs in (times, inode, owner, mode). */
function fileInfo(info: Deno.FileInfo): Deno.FileInfo {
  return freeze({
    ...Object.fromEntries(ownKeys(info).map((key) => [key, null])),
    isFile: info.isFile,
    isDirectory: info.isDirectory,
    isSymlink: info.isSymlink,
    size: info.size,
  }) as unknown as Deno.FileInfo;
}

/** What Deno lets any code read of the environment, permission or not (deno v2.9.5 ext/os/lib.rs). */
const UNCHECKED_ENV = ["FORCE_COLOR", "NODE_DEBUG", "NODE_OPTIONS", "NO_COLOR"];

/** `Deno.env` without the variables Deno reads without a permission (the others need one the sandbox has not). */
function pureEnv(env: Deno.Env): Deno.Env {
  const { get, has, set, toObject } = env;
  const remove = env.delete;
  const unchecked = (key: unknown) => UNCHECKED_ENV.includes(String(key));
  return freeze({
    get: (key: string) => unchecked(key) ? undefined : apply(get, env, [key]),
    has: (key: string) => unchecked(key) ? false : apply(has, env, [key]),
    set: (key: string, value: string) => apply(set, env, [key, value]),
    delete: (key: string) => apply(remove, env, [key]),
    toObject: () => apply(toObject, env, []),
  });
}

/**
 * `Deno` without what tells the machine or the clock: the working directory,
 * paths, ids, memory, terminals, the runtime's internals. What reads the sources
 * stays, folders listed in name order (not the file system's), file information
 * without what a copy of the same file differs in. Changed in place: Deno's own
 * code reads the global too.
 */
function pureDeno(): void {
  const deno = Deno as unknown as Record<PropertyKey, unknown>;
  const refused = [
    ["cwd", "chdir", "execPath", "realPath", "realPathSync", "readLink", "readLinkSync"],
    ["memoryUsage", "cpuUsage", "loadavg", "osRelease", "hostname", "systemMemoryInfo"],
    ["networkInterfaces", "consoleSize", "gid", "uid", "umask", "isatty", "pid", "ppid"],
    ["stdin", "stdout", "stderr"],
  ].flat();
  for (const key of refused) refuseMember(deno, key, `Deno.${key}`, MACHINE);
  refuseMember(deno, "osUptime", "Deno.osUptime", CLOCK);
  refuseMember(deno, "watchFs", "Deno.watchFs", CLOCK);
  lock(deno, "env", pureEnv(Deno.env));
  lock(deno, "args", freeze([]));
  lock(deno, "mainModule", undefined);
  lock(deno, "noColor", true);
  // The runtime's internals (ops that bypass all of the above) are not a cluster file's.
  lock(deno, (Deno as unknown as { internal: symbol }).internal, undefined);
  // Deno's own stat reads `Deno.build.os` from the global (deno v2.9.5 ext/fs/30_fs.js,
  // createByteStruct): one machine's, whatever the machine.
  lock(
    deno,
    "build",
    freeze({
      target: "x86_64-unknown-linux-gnu",
      arch: "x86_64",
      os: "linux",
      vendor: "unknown",
      env: "gnu",
    }),
  );
  const byName = (entries: Deno.DirEntry[]) =>
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { readDir, readDirSync, stat, statSync, lstat, lstatSync } = Deno;
  lock(deno, "readDirSync", (path: string | URL) => byName([...readDirSync(path)]).values());
  lock(deno, "readDir", async function* (path: string | URL) {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of readDir(path)) entries.push(entry);
    yield* byName(entries);
  });
  lock(deno, "statSync", (path: string | URL) => fileInfo(statSync(path)));
  lock(deno, "lstatSync", (path: string | URL) => fileInfo(lstatSync(path)));
  lock(deno, "stat", async (path: string | URL) => fileInfo(await stat(path)));
  lock(deno, "lstat", async (path: string | URL) => fileInfo(await lstat(path)));
  const file = Deno.FsFile.prototype;
  const fileStat = file.stat;
  const fileStatSync = file.statSync;
  lock(file, "stat", async function (this: Deno.FsFile) {
    return fileInfo(await apply(fileStat, this, []));
  });
  lock(file, "statSync", function (this: Deno.FsFile) {
    return fileInfo(apply(fileStatSync, this, []));
  });
}

/** The members of `process` that tell the machine or the clock. */
const PROCESS_REFUSED = [
  ["hrtime", "uptime", "cpuUsage", "threadCpuUsage", "memoryUsage", "availableMemory"],
  ["constrainedMemory", "resourceUsage", "cwd", "chdir", "umask", "getuid", "geteuid", "getgid"],
  ["getegid", "getgroups", "getBuiltinModule", "binding", "dlopen", "getActiveResourcesInfo"],
  ["loadEnvFile", "stdin", "stdout", "stderr"],
].flat();

/**
 * What `process` tells of the machine or the clock, refused or fixed, on the
 * object itself (node:process hands out the same one) where it can be changed.
 */
function pureProcess(): void {
  const original = process as unknown as Record<string, unknown>;
  for (const key of PROCESS_REFUSED) {
    if (!getOwnPropertyDescriptor(original, key)?.configurable) continue;
    const why = key === "hrtime" || key === "uptime" ? CLOCK : MACHINE;
    refuseMember(original, key, `process.${key}`, why);
  }
  const fixed: Record<string, unknown> = {
    // Node's env reads NODE_OPTIONS and the like without a permission: an empty one instead.
    env: {},
    argv: freeze(["deno"]),
    execArgv: freeze([]),
    platform: "linux",
    arch: "x64",
    config: freeze({}),
    debugPort: 0,
    moduleLoadList: freeze([]),
  };
  for (const [key, value] of Object.entries(fixed)) {
    if (getOwnPropertyDescriptor(original, key)?.configurable ?? true) lock(original, key, value);
  }
  lock(globalThis, "process", processStandIn(original));
}

/**
 * A copy of `process` without what cannot be changed on the object itself (its
 * ids and paths are read-only getters there): the global `process` of the sandbox.
 */
function processStandIn(original: Record<string, unknown>): object {
  const hidden = ["pid", "ppid", "execPath", "report", "title", "argv0"];
  const standIn = create(getPrototypeOf(original));
  for (const key of ownKeys(original)) {
    if (hidden.includes(key as string)) continue;
    defineProperty(standIn, key, getOwnPropertyDescriptor(original, key)!);
  }
  for (const key of hidden.slice(0, 4)) {
    defineProperty(standIn, key, { get: refusing(`process.${key}`, MACHINE), configurable: false });
  }
  lock(standIn, "title", "deno");
  lock(standIn, "argv0", "deno");
  return standIn;
}

/**
 * Stack traces without the machine's paths: a place in the sources is relative
 * to the repository (`clusters/x.ts:3:7`), a place in Hydrate's own code is
 * `hydrate`. A cluster file cannot install its own formatter (which would see
 * the paths).
 */
function pureStacks(root: string): void {
  const errorText = Error.prototype.toString;
  // A frame names its file by URL or by path.
  const roots = [root, decodeURIComponent(new URL(root).pathname)];
  const place = (file: string | null | undefined) => {
    if (!file) return "<anonymous>";
    const within = roots.find((prefix) => file.startsWith(prefix));
    if (within) return file.slice(within.length);
    return /^(file:|\/|[A-Za-z]:[\\/])/.test(file) ? "hydrate" : file;
  };
  lock(Error, "prepareStackTrace", (error: unknown, frames: NodeJS.CallSite[]) => {
    let head: string;
    try {
      head = apply(errorText, error, []);
    } catch {
      head = "Error";
    }
    const lines = frames.map((frame) => {
      const where = `${
        place(frame.getFileName())
      }:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
      const name = frame.getFunctionName();
      return `    at ${name ? `${name} (${where})` : where}`;
    });
    return [head, ...lines].join("\n");
  });
}

/** The built-in modules that would give a new realm (the clock and randomness back), closed. */
export interface RealmModules {
  /** node:worker_threads's Worker. */
  worker?: unknown;
  /** node:vm. */
  vm?: { Script?: { prototype: object } };
}

/**
 * Makes this realm a pure function's, before any cluster file is imported.
 *
 * @param root the snapshot's root, as a file URL ending in `/`: stack traces show places relative to it
 */
export function purify(root: string, modules: RealmModules = {}): void {
  unconstructable(modules.worker, "new Worker()");
  const script = modules.vm?.Script?.prototype;
  if (script) {
    for (const key of ["runInContext", "runInNewContext"]) {
      refuseMember(script, key, `vm.Script's ${key}()`, REALM);
    }
  }
  pureDate();
  pureIntl();
  pureLocaleMethods();
  pureRandom();
  purePerformance();
  pureGlobals();
  pureDeno();
  pureProcess();
  pureStacks(root);
}
