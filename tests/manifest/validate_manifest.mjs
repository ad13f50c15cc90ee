// Validates a Teams manifest with @microsoft/app-manifest's own validator and a local schema file.
// Usage: node validate_manifest.mjs MANIFEST.json SCHEMA.json  -> prints a JSON array of errors
import { readFileSync } from "node:fs";
import { AppManifestUtils } from "@microsoft/app-manifest";

const [manifestPath, schemaPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
process.stdout.write(JSON.stringify(errors));
