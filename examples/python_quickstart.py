# %% [markdown]
# # relsynth from Python
# A notebook-style walk through the package (each `# %%` is a cell in Jupyter or VS Code):
# inspect a database, review the metadata, train, sample, report. It runs in the tests on the
# bundled demo database; point DATABASE at your own.

# %%
import os
import tempfile

import relsynth as rs

DATABASE = os.environ.get("RELSYNTH_EXAMPLE_DB", "out/demo/retail.sqlite")  # `make demo` makes it
OUT = tempfile.mkdtemp(prefix="relsynth-example-")

# %% [markdown]
# ## 1. What is in the database
# `inspect` reads the schema and the data and infers each column's meaning, the keys and the
# rules, each with its reason.

# %%
meta = rs.inspect(DATABASE)
for name, table in meta.tables.items():
    print(name, table.primary_key, [fk["parent_table"] for fk in table.foreign_keys])
print(meta.tables["customers"].columns["email"].sdtype)

# %% [markdown]
# ## 2. Review it
# Change what relsynth inferred: an sdtype, a column's treatment (hash, mask, fake, keep, ...).

# %%
meta.tables["customers"].columns["email"].treatment = {"kind": "fake", "generator": "email"}
meta.tables["customers"].columns["phone"].treatment = "mask"
meta.to_json(os.path.join(OUT, "retail.meta.json"))

# %% [markdown]
# ## 3. Train, then sample as much as you need

# %%
synth = rs.Synthesizer(meta, seed=42, trees=5).fit(DATABASE)
tables = synth.sample(scale=2.0)  # a dict of pandas DataFrames
print({name: len(frame) for name, frame in tables.items()})
print(tables["orders"].head())

# Bigger than memory? Stream it to any destination the CLI takes.
written = synth.sample(scale=3.0, to=os.path.join(OUT, "retail.synthetic.sqlite"))
print(written)

# %% [markdown]
# ## 4. How good, how safe

# %%
report = rs.report(real=DATABASE, synthetic=tables, metadata=meta, scale=2.0)
print({k: report.summary[k] for k in ("column_shapes", "column_pair_trends", "integrity_violations")})
report.to_html(os.path.join(OUT, "report.html"))

# %% [markdown]
# ## 5. Keep the model

# %%
synth.save(os.path.join(OUT, "retail.rsm"))
again = rs.Synthesizer.load(os.path.join(OUT, "retail.rsm"))
assert again.sample(seed=1)["customers"].equals(synth.sample(seed=1)["customers"])
print("model saved in", OUT)
