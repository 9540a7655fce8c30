"""The pure analysis pipeline: sections, facts, job analysis, skills, score, rewrite rules, guard, diff."""
