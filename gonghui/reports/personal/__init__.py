"""A person's rights under PIPL arts. 44–47 across every app that holds something of them: what is
held (holdings), a copy of it (copy), consent withdrawn (consent), erasure where no law requires
keeping (erasure). Here, above the domain apps, because each reads or writes several of them; the
request rows themselves are the registry's (members.rights_models)."""
