import assert from "node:assert/strict";
import { type Artifact, sha256, upstreamOf, type VendorFiles } from "./vendor.ts";

/** A vendor folder in memory, its lock listing `locked` (path -> text). */
function folder(given: Record<string, string>, extra: Record<string, string> = {}): VendorFiles {
  const locked = {
    "charts/demo/1.0.0/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0.0\n",
    ...given,
  };
  const all = { ...locked, ...extra };
  const lock = {
    version: 1,
    artifacts: {
      "charts/demo/1.0.0": {
        label: "demo 1.0.0",
        repoURL: "https://charts.example.com",
        source: "https://charts.example.com/demo-1.0.0.tgz",
        files: Object.fromEntries(
          Object.entries(locked).map(([path, text]) => [
            path.replace("charts/demo/1.0.0/", ""),
            { source: "-", sha256: sha256(text) },
          ]),
        ),
      },
    },
  };
  const texts: Record<string, string> = { ...all, "lock.json": JSON.stringify(lock) };
  return {
    read: (path) => texts[path],
    list: (dir) => Object.keys(all).filter((path) => path.startsWith(`${dir}/`)).sort(),
  };
}

const DEMO: Artifact = {
  dir: "charts/demo/1.0.0",
  label: "demo 1.0.0",
  pinnedAt: "apps.demo.chart.version",
  source: {
    kind: "chart",
    repoURL: "https://charts.example.com",
    chart: "demo",
    version: "1.0.0",
  },
};

Deno.test("an artifact whose files are the ones the lock lists is usable", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" });
  assert.equal(upstreamOf(files).unusable(DEMO), undefined);
});

Deno.test("a file the lock does not list is refused, not read", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" }, {
    "charts/demo/1.0.0/templates/zz.yaml": "{{ toYaml .Values }}",
  });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/templates\/zz\.yaml is not in vendor\/lock\.json/,
  );
});

Deno.test("a locked file that does not parse makes the artifact unusable, naming the file", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: [1\n" });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/values\.yaml: .* \(does not parse\): restore it from Git/,
  );
});

Deno.test("a changed file is refused, with how to restore it", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" });
  const changed: VendorFiles = {
    ...files,
    read: (path) => path.endsWith("values.yaml") ? "a: 2\n" : files.read(path),
  };
  assert.match(
    upstreamOf(changed).unusable(DEMO)!,
    /does not match its sha256 in vendor\/lock\.json: restore it \(`git checkout -- vendor\/charts\/demo\/1\.0\.0`\)/,
  );
});

Deno.test("a chart whose Chart.yaml names another version than its folder is refused", () => {
  const files = folder({
    "charts/demo/1.0.0/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0.1\n",
    "charts/demo/1.0.0/values.yaml": "a: 1\n",
  });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/Chart\.yaml is demo 1\.0\.1, not demo 1\.0\.0: restore it/,
  );
});
