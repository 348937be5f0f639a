//! Polite crawling of public listings (政务新媒体 directories, app filing lists): the only
//! code that touches the network.
