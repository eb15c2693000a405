// The public input types of input.ts are the schema's own input types: a drift in either is a
// type error here (deno check and deno test type-check this file).
import type { z } from "zod";
import type * as Input from "./input.ts";
import type * as Schema from "./schema.ts";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
const same = <A, B>(check: Equals<A, B>) => check;

Deno.test("the public input types equal the schema's input types", () => {
  same<Input.ClusterInput, z.input<typeof Schema.Cluster>>(true);
  same<Input.AppInput, z.input<typeof Schema.App>>(true);
  same<Input.HelmAppInput, z.input<typeof Schema.HelmApp>>(true);
  same<Input.ManifestsAppInput, z.input<typeof Schema.ManifestsApp>>(true);
  same<Input.GitAppInput, z.input<typeof Schema.GitApp>>(true);
  same<Input.RouteInput, z.input<typeof Schema.Route>>(true);
  same<Input.TlsIssuerInput, z.input<typeof Schema.TlsIssuer>>(true);
  same<Input.PoolInput, z.input<typeof Schema.Pool>>(true);
  same<Input.ApplicationSettingsInput, z.input<typeof Schema.ApplicationSettings>>(true);
  same<Input.IgnoreDifferenceInput, z.input<typeof Schema.IgnoreDifference>>(true);
});
