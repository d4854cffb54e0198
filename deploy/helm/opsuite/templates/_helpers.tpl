{{/*
The five services: values key -> folder name (used for object names and labels), database schema
(= login role) and HTTP port. Fixed by the services themselves (application.properties).
*/}}
{{- define "opsuite.components" -}}
gateway:
  name: pve-gateway
  schema: gateway
  port: 8080
telemetry:
  name: telemetry-service
  schema: telemetry
  port: 8081
deployment:
  name: deployment-service
  schema: deployment
  port: 8082
l10n:
  name: l10n-sync-service
  schema: l10n
  port: 8083
automation:
  name: automation-service
  schema: automation
  port: 8084
{{- end -}}

{{- define "opsuite.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>", or the release name alone when it already contains the chart name. */}}
{{- define "opsuite.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "opsuite.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "opsuite.labels" -}}
helm.sh/chart: {{ include "opsuite.chart" . }}
app.kubernetes.io/name: {{ include "opsuite.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: opsuite
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Annotations of every object (may be empty). */}}
{{- define "opsuite.annotations" -}}
{{- with .Values.commonAnnotations }}
{{- toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service: ctx = dict "root" $ "c" <component> */}}
{{- define "opsuite.selectorLabels" -}}
app.kubernetes.io/name: {{ include "opsuite.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .c.name }}
{{- end -}}

{{/* Labels of one service's objects: ctx = dict "root" $ "c" <component> */}}
{{- define "opsuite.componentLabels" -}}
{{ include "opsuite.labels" .root }}
app.kubernetes.io/component: {{ .c.name }}
{{- end -}}

{{/* "<fullname>-<service folder name>" */}}
{{- define "opsuite.componentFullname" -}}
{{- printf "%s-%s" (include "opsuite.fullname" .root) .c.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "opsuite.serviceAccountName" -}}
{{- if .v.serviceAccount.create -}}
{{- default (include "opsuite.componentFullname" .) .v.serviceAccount.name -}}
{{- else -}}
{{- default "default" .v.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag[@digest]; ctx = dict "root" $ "image" <image values> */}}
{{- define "opsuite.image" -}}
{{- $registry := default .image.registry .root.Values.global.imageRegistry -}}
{{- $tag := default .root.Chart.AppVersion .image.tag | toString -}}
{{- $ref := printf "%s:%s" .image.repository $tag -}}
{{- if $registry }}{{ $ref = printf "%s/%s" $registry $ref }}{{ end -}}
{{- if .image.digest }}{{ $ref = printf "%s@%s" $ref .image.digest }}{{ end -}}
{{- $ref -}}
{{- end -}}

{{- define "opsuite.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* ---- Secrets: which Secret and key hold what ---- */}}

{{- define "opsuite.secretName" -}}
{{- printf "%s-credentials" (include "opsuite.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "opsuite.adminPasswordSecret" -}}
{{- default (include "opsuite.secretName" .) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "opsuite.adminPasswordKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretKey }}{{ else }}admin-password{{ end -}}
{{- end -}}

{{- define "opsuite.encryptionSecret" -}}
{{- default (include "opsuite.secretName" .) .Values.encryption.existingSecret -}}
{{- end -}}

{{/* The key versions services get: from existingSecret's list, the given keys, or the generated v1. */}}
{{- define "opsuite.encryptionVersions" -}}
{{- if .Values.encryption.existingSecret -}}
{{- toYaml .Values.encryption.existingSecretVersions -}}
{{- else if .Values.encryption.keys -}}
{{- keys .Values.encryption.keys | sortAlpha | toYaml -}}
{{- else -}}
{{- list "v1" | toYaml -}}
{{- end -}}
{{- end -}}

{{- define "opsuite.encryptionKey" -}}
{{- if .Values.encryption.existingSecret }}{{ .version }}{{ else }}{{ printf "secrets-key-%s" .version }}{{ end -}}
{{- end -}}

{{- define "opsuite.jwtSecret" -}}
{{- if .Values.jwt.existingSecret }}{{ .Values.jwt.existingSecret }}{{ else if .Values.jwt.signingKey }}{{ include "opsuite.secretName" . }}{{ end -}}
{{- end -}}

{{- define "opsuite.jwtKey" -}}
{{- if .Values.jwt.existingSecret }}{{ .Values.jwt.existingSecretKey }}{{ else }}jwt-signing-key.pem{{ end -}}
{{- end -}}

{{- define "opsuite.dbPasswordSecret" -}}
{{- default (include "opsuite.secretName" .) .Values.postgresql.auth.existingSecret -}}
{{- end -}}

{{/* Key of one role's password; ctx = dict "root" $ "schema" <schema> */}}
{{- define "opsuite.dbPasswordKey" -}}
{{- if .root.Values.postgresql.auth.existingSecret }}{{ .schema }}{{ else }}{{ printf "db-password-%s" .schema }}{{ end -}}
{{- end -}}

{{- define "opsuite.dbAdminSecret" -}}
{{- if .Values.postgresql.admin.existingSecret -}}
{{- .Values.postgresql.admin.existingSecret -}}
{{- else if and .Values.cnpg.enabled (not .Values.postgresql.admin.password) -}}
{{- printf "%s-superuser" (include "opsuite.cnpgName" .) -}}
{{- else -}}
{{- include "opsuite.secretName" . -}}
{{- end -}}
{{- end -}}

{{- define "opsuite.dbAdminKey" -}}
{{- if .Values.postgresql.admin.existingSecret -}}
{{- .Values.postgresql.admin.existingSecretKey -}}
{{- else if and .Values.cnpg.enabled (not .Values.postgresql.admin.password) -}}
password
{{- else -}}
db-admin-password
{{- end -}}
{{- end -}}

{{- define "opsuite.kafkaSaslSecret" -}}
{{- default (include "opsuite.secretName" .) .Values.kafka.sasl.existingSecret -}}
{{- end -}}

{{- define "opsuite.kafkaSaslKey" -}}
{{- if .Values.kafka.sasl.existingSecret }}{{ .Values.kafka.sasl.existingSecretKey }}{{ else }}kafka-sasl-password{{ end -}}
{{- end -}}

{{- define "opsuite.kafkaSasl" -}}
{{- has .Values.kafka.securityProtocol (list "SASL_PLAINTEXT" "SASL_SSL") -}}
{{- end -}}

{{/* ---- Connections ---- */}}

{{- define "opsuite.cnpgName" -}}
{{- printf "%s-postgresql" (include "opsuite.fullname" .) | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "opsuite.strimziName" -}}
{{- default (printf "%s-kafka" (include "opsuite.fullname" .) | trunc 50 | trimSuffix "-") .Values.strimzi.clusterName -}}
{{- end -}}

{{- define "opsuite.postgresHost" -}}
{{- if .Values.cnpg.enabled -}}
{{- printf "%s-rw" (include "opsuite.cnpgName" .) -}}
{{- else -}}
{{- required "postgresql.host is required (or set cnpg.enabled=true)" .Values.postgresql.host -}}
{{- end -}}
{{- end -}}

{{- define "opsuite.kafkaBootstrap" -}}
{{- if .Values.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" (include "opsuite.strimziName" .) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required (or set strimzi.enabled=true)" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "opsuite.postgresCaSecret" -}}
{{- if .Values.postgresql.tls.caSecret }}{{ .Values.postgresql.tls.caSecret }}{{ else if .Values.cnpg.enabled }}{{ printf "%s-ca" (include "opsuite.cnpgName" .) }}{{ end -}}
{{- end -}}

{{- define "opsuite.postgresCaFile" -}}
/etc/opsuite/postgresql-ca/ca.crt
{{- end -}}

{{- define "opsuite.kafkaCaFile" -}}
/etc/opsuite/kafka-ca/ca.crt
{{- end -}}

{{/* JDBC URL with the TLS parameters (the JDBC driver reads them from the URL). */}}
{{- define "opsuite.jdbcUrl" -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" (include "opsuite.postgresHost" .) .Values.postgresql.port .Values.postgresql.database .Values.postgresql.tls.mode -}}
{{- if include "opsuite.postgresCaSecret" . -}}
{{- $url = printf "%s&sslrootcert=%s" $url (include "opsuite.postgresCaFile" .) -}}
{{- end -}}
{{- $url -}}
{{- end -}}

{{- define "opsuite.reactiveUrl" -}}
{{- printf "postgresql://%s:%v/%s" (include "opsuite.postgresHost" .) .Values.postgresql.port .Values.postgresql.database -}}
{{- end -}}

{{/* Pod-level volumes every service and the job share: CA bundles. */}}
{{- define "opsuite.caVolumes" -}}
{{- if include "opsuite.postgresCaSecret" . }}
- name: postgresql-ca
  secret:
    secretName: {{ include "opsuite.postgresCaSecret" . }}
    items:
      - key: {{ .Values.postgresql.tls.caKey }}
        path: ca.crt
{{- end }}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
    items:
      - key: {{ .Values.kafka.tls.caKey }}
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "opsuite.caVolumeMounts" -}}
{{- if include "opsuite.postgresCaSecret" . }}
- name: postgresql-ca
  mountPath: /etc/opsuite/postgresql-ca
  readOnly: true
{{- end }}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/opsuite/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Secret-backed env of one service (never in a ConfigMap): DB password, encryption keys, Kafka SASL.
ctx = dict "root" $ "c" <component>
*/}}
{{- define "opsuite.secretEnv" -}}
{{- $root := .root -}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "opsuite.dbPasswordSecret" $root }}
      key: {{ include "opsuite.dbPasswordKey" (dict "root" $root "schema" .c.schema) }}
{{- range $version := (include "opsuite.encryptionVersions" $root | fromYamlArray) }}
- name: OPSUITE_SECRETS_KEYS_{{ upper $version }}
  valueFrom:
    secretKeyRef:
      name: {{ include "opsuite.encryptionSecret" $root }}
      key: {{ include "opsuite.encryptionKey" (dict "Values" $root.Values "version" $version) }}
{{- end }}
{{- if eq (include "opsuite.kafkaSasl" $root) "true" }}
- name: OPSUITE_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "opsuite.kafkaSaslSecret" $root }}
      key: {{ include "opsuite.kafkaSaslKey" $root }}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $root.Values.kafka.sasl.mechanism "PLAIN") }}
{{- /* $(VAR) is expanded by the kubelet from the entry above: the password never lands in a ConfigMap */}}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"%s\" password=\"$(OPSUITE_KAFKA_SASL_PASSWORD)\";" $module $root.Values.kafka.sasl.username | quote }}
{{- end }}
{{- end -}}
