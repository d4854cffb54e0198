package dev.opsuite.automation.builtin;

import dev.opsuite.automation.domain.Playbook;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.Workflow;
import dev.opsuite.automation.domain.WorkflowDefinition;
import dev.opsuite.automation.domain.WorkflowDefinition.Retry;
import dev.opsuite.automation.domain.WorkflowDefinition.Step;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Built-in workflows: node maintenance (cordon → upgrade → reboot → wait until Ready → uncordon), fault
 * diagnosis (facts collected in parallel, then a summary that always runs) and batch deployment
 * (check, pull, restart, verify with a retry).
 */
@ApplicationScoped
public class BuiltinWorkflows {

    Uni<Void> seed() {
        return Playbook.<Playbook>find("builtinKey", "system-upgrade")
                .firstResult()
                .chain(upgrade -> Script.<Script>find("builtinKey", "system-info")
                        .firstResult()
                        .chain(info -> seed(
                                        "node-maintenance",
                                        "节点维护",
                                        "Safely maintain a node: cordon, upgrade, reboot, wait for Ready, uncordon",
                                        "maintenance",
                                        maintenance(upgrade == null ? null : upgrade.id))
                                .chain(() -> seed(
                                        "fault-diagnosis",
                                        "故障诊断",
                                        "Collect system facts, errors and disk state from the nodes in parallel",
                                        "diagnosis",
                                        diagnosis(info == null ? null : info.id)))
                                .chain(() -> seed(
                                        "batch-deployment",
                                        "批量部署",
                                        "Pull and restart a docker compose project on the nodes, then verify it",
                                        "deployment",
                                        deployment()))));
    }

    private Uni<Void> seed(
            String key, String name, String description, String category, WorkflowDefinition definition) {
        return Workflow.<Workflow>find("builtinKey", key).firstResult().chain(existing -> {
            if (existing == null) {
                Workflow w = new Workflow();
                w.builtinKey = key;
                w.isBuiltin = true;
                w.name = name;
                w.description = description;
                w.category = category;
                w.definition = definition;
                w.createdAt = OffsetDateTime.now();
                w.updatedAt = w.createdAt;
                return w.persist().replaceWithVoid();
            }
            if (!definition.equals(existing.definition)) {
                existing.definition = definition;
                existing.version++;
                existing.updatedAt = OffsetDateTime.now();
            }
            return Uni.createFrom().voidItem();
        });
    }

    static WorkflowDefinition maintenance(Long upgradePlaybook) {
        return new WorkflowDefinition(
                List.of(
                        step("cordon", "停止调度", "k8s", null, null, null, "cordon", List.of(), 60, null, null),
                        step("drain", "驱逐 Pod", "k8s", null, null, null, "drain", List.of("cordon"), 600, null, null),
                        step(
                                "upgrade",
                                "系统升级",
                                "ansible",
                                null,
                                null,
                                upgradePlaybook,
                                null,
                                List.of("drain"),
                                3600,
                                null,
                                null),
                        step(
                                "reboot",
                                "重启节点",
                                "ssh",
                                "nohup sh -c 'sleep 2; systemctl reboot' >/dev/null 2>&1 &",
                                null,
                                null,
                                null,
                                List.of("upgrade"),
                                30,
                                null,
                                null),
                        step(
                                "wait",
                                "等待就绪",
                                "k8s",
                                null,
                                null,
                                null,
                                "wait_ready",
                                List.of("reboot"),
                                1200,
                                new Retry(3, 30),
                                null),
                        step("uncordon", "恢复调度", "k8s", null, null, null, "uncordon", List.of("wait"), 60, null, null)),
                null);
    }

    static WorkflowDefinition diagnosis(Long systemInfoScript) {
        return new WorkflowDefinition(
                List.of(
                        step("facts", "系统信息", "script", null, systemInfoScript, null, null, List.of(), 120, null, null),
                        step(
                                "errors",
                                "错误日志",
                                "ssh",
                                "journalctl -p err -n 50 --no-pager 2>/dev/null || tail -n 50 /var/log/syslog",
                                null,
                                null,
                                null,
                                List.of(),
                                60,
                                null,
                                null),
                        step("disk", "磁盘状态", "ssh", "df -h; df -i", null, null, null, List.of(), 60, null, null),
                        step(
                                "summary",
                                "汇总",
                                "ssh",
                                "uptime; echo diagnosis finished",
                                null,
                                null,
                                null,
                                List.of("facts", "errors", "disk"),
                                30,
                                null,
                                "always")),
                null);
    }

    static WorkflowDefinition deployment() {
        return new WorkflowDefinition(
                List.of(
                        step(
                                "check",
                                "检查磁盘",
                                "ssh",
                                "test -d \"$DEPLOY_DIR\" && df -h \"$DEPLOY_DIR\"",
                                null,
                                null,
                                null,
                                List.of(),
                                60,
                                null,
                                null),
                        step(
                                "pull",
                                "拉取镜像",
                                "ssh",
                                "cd \"$DEPLOY_DIR\" && docker compose pull",
                                null,
                                null,
                                null,
                                List.of("check"),
                                1800,
                                new Retry(3, 10),
                                null),
                        step(
                                "restart",
                                "重启服务",
                                "ssh",
                                "cd \"$DEPLOY_DIR\" && docker compose up -d",
                                null,
                                null,
                                null,
                                List.of("pull"),
                                600,
                                null,
                                null),
                        step(
                                "verify",
                                "验证",
                                "ssh",
                                "cd \"$DEPLOY_DIR\" && docker compose ps",
                                null,
                                null,
                                null,
                                List.of("restart"),
                                60,
                                new Retry(5, 5),
                                null)),
                null);
    }

    private static Step step(
            String id,
            String name,
            String type,
            String command,
            Long scriptId,
            Long playbookId,
            String action,
            List<String> deps,
            Integer timeout,
            Retry retry,
            String when) {
        return new Step(
                id, name, type, command, scriptId, playbookId, action, deps, timeout, null, retry, when, null, (Map<
                                String, Object>)
                        null);
    }
}
