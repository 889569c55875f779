"""My AuroraAI: a signed-in person's own profile (saved self-assessments, saved services), its retention,
and the person's rights (export, erasure, an audit list of each access)."""
