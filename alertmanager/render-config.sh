#!/bin/sh
# Prints Alertmanager's config: the given file, plus a webhook to MDW_ALERT_WEBHOOK_URL in its receiver "mdw" when
# that variable is set (Alertmanager reads no environment variables; `url` and not `url_file`, so that the
# Alertmanager 0.25 of Debian that scripts/check-monitoring.sh runs reads the same config as the compose service's).
# Busybox's sh and awk are enough: the compose service runs it in the prom/alertmanager image before Alertmanager.
# Usage: MDW_ALERT_WEBHOOK_URL=https://... alertmanager/render-config.sh alertmanager/alertmanager.yml >config.yml
set -eu
exec awk -v q="'" '
  { print }
  $0 == "  - name: mdw" && ENVIRON["MDW_ALERT_WEBHOOK_URL"] != "" {
    url = ENVIRON["MDW_ALERT_WEBHOOK_URL"]
    gsub(q, q q, url)
    print "    webhook_configs:"
    print "      - url: " q url q
    print "        send_resolved: true"
    found = 1
  }
  END {
    if (ENVIRON["MDW_ALERT_WEBHOOK_URL"] != "" && !found) {
      print "render-config.sh: no receiver \"mdw\" in " FILENAME " to add the webhook to" > "/dev/stderr"
      exit 1
    }
  }' "$1"
