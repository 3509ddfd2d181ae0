//! The persistent map the corpus's indexes are made of: a clone shares every node, a
//! change copies only the path it touches while a clone holds the old one. Keys are
//! hashed with foldhash, not the standard library's SipHash: the keys are ids and paths
//! of the corpus, not input chosen to collide, and a reference tests hundreds of
//! meetings by id.

pub type Map<K, V> = imbl::GenericHashMap<K, V, foldhash::fast::RandomState, imbl::shared_ptr::DefaultSharedPtr>;
