#!/usr/bin/env python3
"""Lists the import graph of src/ modules (two levels: `passes::news`, `import::plan`) and its cycles.

Reads `crate::` and `super::` paths outside comments and unit tests. Exit 1 if there is a cycle.
Usage: python3 scripts/module-cycles.py (from the repository root).
"""
import re,glob,os
def mod_path(f):
    p=f[4:-3].split('/')
    if p[-1]=='mod': p=p[:-1]
    return p
def exists(parts):
    base='src/'+'/'.join(parts)
    return os.path.exists(base+'.rs') or os.path.exists(base+'/mod.rs')
def unit(parts):
    # the module a path lands in: the longest prefix that is a file module, at depth <= 2
    best=parts[:1]
    for k in range(1,min(len(parts),2)+1):
        if exists(parts[:k]): best=parts[:k]
    return '::'.join(best)
deps={}
for f in glob.glob('src/**/*.rs',recursive=True):
    if 'icons/index' in f or f.endswith('/tests.rs'): continue
    s=open(f).read()
    s=re.split(r'#\[cfg\(test\)\]\s*mod tests \{',s)[0]
    s=re.sub(r'//[^\n]*','',s)
    mp=mod_path(f)
    if mp[0] in ('lib','main'): continue
    me=unit(mp)
    for path in re.findall(r'crate((?:::[a-z_]+)+)',s):
        parts=path.strip(':').split('::')
        t=unit(parts)
        if t!=me and not me.startswith(t+'::') and not t.startswith(me+'::'): deps.setdefault(me,set()).add(t)
    for path in re.findall(r'\bsuper((?:::[a-z_]+)*)',s):
        parent=mp[:-1] if f.endswith('mod.rs')==False else mp[:-1]
        parts=parent+[x for x in path.strip(':').split('::') if x]
        if not parts: continue
        t=unit(parts)
        if t!=me and not me.startswith(t+'::') and not t.startswith(me+'::'): deps.setdefault(me,set()).add(t)
color={};stack=[];cycles=[]
def dfs(n):
    color[n]=1;stack.append(n)
    for d in sorted(deps.get(n,())):
        if color.get(d)==1: cycles.append(stack[stack.index(d):]+[d])
        elif not color.get(d): dfs(d)
    stack.pop();color[n]=2
for n in sorted(deps):
    if not color.get(n): dfs(n)
print(len(deps), "modules with imports; cycles:", cycles or "none")
raise SystemExit(1 if cycles else 0)
