def label(value):
    return `value` + " m2"
