# Cells "导入 theano" and "符号变量": a symbolic scalar, an expression, its pretty print and its type.
# (The notebook's first cell, `%matplotlib inline` and the numpy/matplotlib imports, is reduced
# to `import numpy as np`: the magic is not Python and matplotlib is not used by any cell.)
import numpy as np

import theano

# 一般都把 `tensor` 子模块导入并命名为 T
import theano.tensor as T

foo = T.scalar('x')

print(foo)

bar = foo ** 2

print(bar)

print(theano.pp(bar))

print(type(foo))
print(foo.type)
