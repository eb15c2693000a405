/**
 * A download of scripts/_fetch.ts in a process of its own, with the network
 * permission `deno task vendor` has (the test process may reach 127.0.0.1
 * alone, and a Worker can hold no more than its parent): fetch_pin_test.ts
 * runs it. Argument: JSON `{ url, answers?, loopback?, ca? }`; `answers` makes
 * the resolver a fixed one that counts its look-ups and answers 10.0.0.1 to
 * every second look-up of a name (a rebinding DNS), otherwise it is the real
 * one. Prints JSON `{ body }` or `{ error }`, and `asked`.
 */
import { download } from "../scripts/_fetch.ts";
import { CA_CERT } from "./_pinned_tls.ts";

const { url, answers, loopback, ca } = JSON.parse(Deno.args[0]) as {
  url: string;
  answers?: Record<string, string[]>;
  loopback?: boolean;
  ca?: boolean;
};
const asked: string[] = [];
const resolve = answers &&
  ((name: string) => {
    asked.push(name);
    const again = asked.filter((n) => n === name).length > 1;
    return Promise.resolve(again ? ["10.0.0.1"] : answers[name] ?? []);
  });
try {
  const bytes = await download(url, { loopback, resolve, caCerts: ca ? [CA_CERT] : undefined });
  console.log(JSON.stringify({ body: new TextDecoder().decode(bytes), asked }));
} catch (cause) {
  console.log(JSON.stringify({ error: (cause as Error).message, asked }));
}
