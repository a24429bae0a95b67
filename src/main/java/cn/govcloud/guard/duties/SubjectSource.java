package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.util.List;

/**
 * Implemented by the module that owns a kind of subject (the systems module for hosted systems),
 * so the engine can create per-subject duties without depending on that module.
 */
public interface SubjectSource {

    SubjectKind kind();

    /** The subjects that currently owe duties (e.g. admitted, running systems). */
    List<Subject> subjects();
}
