{{/*
The non-secret environment of one service (ConfigMap data). ctx = dict "root" $ "c" <component> "v" <values>
*/}}
{{- define "opsuite.configEnvDict" -}}
{{- $root := .root -}}
{{- $values := $root.Values -}}
{{- $env := dict -}}
{{- $_ := set $env "JAVA_TOOL_OPTIONS" (trim (printf "%s %s" $values.javaOpts .v.javaOpts)) -}}
{{- $_ = set $env "HOME" "/var/lib/opsuite" -}}
{{- /* PostgreSQL */ -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_USERNAME" .c.schema -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_JDBC_URL" (include "opsuite.jdbcUrl" $root) -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_URL" (include "opsuite.reactiveUrl" $root) -}}
{{- $mode := $values.postgresql.tls.mode -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE" $mode -}}
{{- if has $mode (list "verify-ca" "verify-full") -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM" "true" -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS" (include "opsuite.postgresCaFile" $root) -}}
{{- if eq $mode "verify-full" -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM" "HTTPS" -}}
{{- end -}}
{{- else if ne $mode "disable" -}}
{{- /* allow/prefer/require encrypt without verifying the server, as libpq does */ -}}
{{- $_ = set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL" "true" -}}
{{- end -}}
{{- if $values.migrations.enabled -}}
{{- /* the pre-install/pre-upgrade job migrated already; a service only checks it finds what it expects */ -}}
{{- $_ = set $env "QUARKUS_FLYWAY_MIGRATE_AT_START" "false" -}}
{{- $_ = set $env "QUARKUS_FLYWAY_VALIDATE_AT_START" "true" -}}
{{- end -}}
{{- /* Kafka */ -}}
{{- $_ = set $env "KAFKA_BOOTSTRAP_SERVERS" (include "opsuite.kafkaBootstrap" $root) -}}
{{- $_ = set $env "KAFKA_SECURITY_PROTOCOL" $values.kafka.securityProtocol -}}
{{- if eq (include "opsuite.kafkaSasl" $root) "true" -}}
{{- $_ = set $env "KAFKA_SASL_MECHANISM" $values.kafka.sasl.mechanism -}}
{{- end -}}
{{- if $values.kafka.tls.caSecret -}}
{{- $_ = set $env "KAFKA_SSL_TRUSTSTORE_TYPE" "PEM" -}}
{{- $_ = set $env "KAFKA_SSL_TRUSTSTORE_LOCATION" (include "opsuite.kafkaCaFile" $root) -}}
{{- end -}}
{{- /* Secrets at rest */ -}}
{{- with $values.encryption.activeVersion -}}
{{- $_ = set $env "OPSUITE_SECRETS_ACTIVE_VERSION" . -}}
{{- end -}}
{{- /* Metrics and OpenAPI: admins, or the scrapers' networks */ -}}
{{- with $values.metrics.allowedCidrs -}}
{{- $_ = set $env "OPSUITE_MANAGEMENT_ALLOWED_CIDRS" (join "," .) -}}
{{- end -}}
{{- /* Per service */ -}}
{{- $components := include "opsuite.components" $root | fromYaml -}}
{{- $gatewayUrl := printf "http://%s:%v" (include "opsuite.componentFullname" (dict "root" $root "c" $components.gateway)) $components.gateway.port -}}
{{- if eq .c.name "pve-gateway" -}}
{{- range $key, $other := $components -}}
{{- if ne $key "gateway" -}}
{{- $_ = set $env (printf "OPSUITE_GATEWAY_UPSTREAM_%s" (upper $key)) (printf "http://%s:%v" (include "opsuite.componentFullname" (dict "root" $root "c" $other)) $other.port) -}}
{{- end -}}
{{- end -}}
{{- with .v.trustedProxies -}}
{{- $_ = set $env "OPSUITE_GATEWAY_TRUSTED_PROXIES" (join "," .) -}}
{{- end -}}
{{- if .v.https.enabled -}}
{{- $_ = set $env "QUARKUS_HTTP_SSL_PORT" "8443" -}}
{{- $_ = set $env "QUARKUS_HTTP_SSL_CERTIFICATE_FILES" "/etc/opsuite/tls/tls.crt" -}}
{{- $_ = set $env "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES" "/etc/opsuite/tls/tls.key" -}}
{{- end -}}
{{- if include "opsuite.jwtSecret" $root -}}
{{- $_ = set $env "OPSUITE_IDENTITY_SIGNING_KEY_LOCATION" "/etc/opsuite/jwt/signing-key.pem" -}}
{{- end -}}
{{- else -}}
{{- $_ = set $env "OPSUITE_JWKS_URL" (printf "%s/.well-known/jwks.json" $gatewayUrl) -}}
{{- end -}}
{{- if eq .c.name "deployment-service" -}}
{{- $_ = set $env "OPSUITE_DEPLOYMENT_STATE_DIR" "/var/lib/opsuite/deployment" -}}
{{- end -}}
{{- range $name, $value := .v.config -}}
{{- $_ = set $env $name (toString $value) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* The same as "NAME: value" lines of a ConfigMap's data, sorted. */}}
{{- define "opsuite.configEnv" -}}
{{- $env := include "opsuite.configEnvDict" . | fromYaml -}}
{{- range $name := keys $env | sortAlpha }}
{{ $name }}: {{ get $env $name | toString | quote }}
{{- end }}
{{- end -}}
