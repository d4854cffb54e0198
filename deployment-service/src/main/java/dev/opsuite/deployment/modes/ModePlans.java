package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every {@link ModePlan} bean by its mode; refuses to start when a mode has none or two. */
@ApplicationScoped
public class ModePlans {
    /** The first step of every mode: is the tool there and does it answer. */
    public static final String CHECK = "check environment";

    private final Map<Mode, ModePlan> plans = new EnumMap<>(Mode.class);

    public ModePlans(Instance<ModePlan> beans) {
        for (ModePlan plan : beans) {
            ModePlan other = plans.put(plan.mode(), plan);
            if (other != null) {
                throw new IllegalStateException("two plans for mode "
                        + plan.mode().wire() + ": " + other.getClass().getSimpleName() + " and "
                        + plan.getClass().getSimpleName());
            }
        }
        for (Mode mode : Mode.values()) {
            if (!plans.containsKey(mode)) {
                throw new IllegalStateException("no ModePlan for mode " + mode.wire());
            }
        }
    }

    public ModePlan of(Mode mode) {
        return plans.get(mode);
    }

    public Collection<ModePlan> all() {
        return plans.values();
    }

    public List<String> names(Mode mode) {
        return of(mode).steps().stream().map(ModePlan.Step::name).toList();
    }

    public List<Integer> weights(Mode mode) {
        return of(mode).steps().stream().map(ModePlan.Step::weight).toList();
    }

    /** The mode's steps with what they do for this run. */
    public List<PlannedStep> plan(Mode mode, RunContext ctx) {
        ModePlan plan = of(mode);
        List<ModePlan.Step> steps = plan.steps();
        List<PlannedStep.Action> actions = plan.actions(ctx);
        if (actions.size() != steps.size()) {
            throw new IllegalStateException(plan.getClass().getSimpleName() + " has " + steps.size() + " steps but "
                    + actions.size() + " actions");
        }
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            planned.add(new PlannedStep(steps.get(i).name(), steps.get(i).weight(), actions.get(i)));
        }
        return planned;
    }

    public String unsuitable(Mode mode, App app) {
        return of(mode).unsuitable(app);
    }
}
